package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/** One decision of a person: who did what to which mail or queue row, when. */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        String action,
        Long mailId,
        Long outboundId,
        String oldValue,
        String newValue,
        String detail) {}
