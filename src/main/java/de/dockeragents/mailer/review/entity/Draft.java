package de.dockeragents.mailer.review.entity;

import java.time.Instant;

/**
 * The reply of a mail as queued in outbound_mail. The recipient was chosen by code and is shown,
 * never changed, here.
 */
public record Draft(long id, String kind, String status, String recipient, String subject, String body,
        String language, Instant createdAt, String approvedBy, Instant approvedAt, Instant sentAt, int attempts,
        String lastError) {
}
