package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/** A mail the outbox gave up on; lastError is scrubbed of addresses by the sender. */
public record DeadLetter(
        long id,
        Long mailId,
        String kind,
        String subject,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {}
