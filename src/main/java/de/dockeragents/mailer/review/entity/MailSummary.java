package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * One row of the inbox. {@code from} is shown to staff who answer the mail; it is never logged.
 * {@code replyStatus} is null for mail without a reply. {@code group}: where the row stands in the
 * inbox, {@code attention} (urgent mail of the last days), {@code draft} (a draft waits) or
 * {@code rest}. {@code answered}: the reply was sent (automatic or approved). {@code suspicious}: the
 * reply is an AI draft the check in code flagged.
 */
public record MailSummary(
        long id,
        String subject,
        String from,
        Instant receivedAt,
        String category,
        String priority,
        Boolean needsReply,
        String classifiedBy,
        String summary,
        Long draftId,
        String replyKind,
        String replyStatus,
        int attachmentCount,
        String group,
        boolean answered,
        boolean suspicious) {}
