package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * One run of a request to be forgotten, as the admin sees it: the address only as the start of its keyed hash,
 * who ran it, and what it erased; {@code finishedAt} null for a run that was cut short (run it again).
 */
public record ErasureRecord(
        long id,
        String addressKey,
        String actor,
        Instant startedAt,
        Instant finishedAt,
        int mails,
        int attachments,
        int outbound,
        int unsent,
        int archiveCopies) {}
