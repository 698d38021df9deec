package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * One row of the priority inbox. {@code from} is shown to staff who answer the mail; it is never
 * logged. {@code replyStatus} is null for mail without a reply.
 */
public record MailSummary(long id, String subject, String from, Instant receivedAt, String category, String priority,
        Boolean needsReply, String classifiedBy, String summary, Long draftId, String replyKind, String replyStatus,
        int attachmentCount) {
}
