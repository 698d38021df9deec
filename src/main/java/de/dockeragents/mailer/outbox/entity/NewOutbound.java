package de.dockeragents.mailer.outbox.entity;

/**
 * A mail for the queue: a reply to stored mail ({@code mailId}), sent automatically ({@code automatic},
 * status PENDING) or waiting as a draft for a person (DRAFT). The recipient is one bare address chosen
 * by code. {@code kind}, {@code template}, {@code suspiciousReasons} and {@code modelText} are what the
 * queuing component says about it, kept for the staff page and the audit.
 */
public record NewOutbound(
        long mailId,
        String kind,
        boolean automatic,
        String recipient,
        String subject,
        String body,
        String language,
        String template,
        String inReplyTo,
        String references,
        String suspiciousReasons,
        String modelText) {

    @Override
    public String toString() {
        return "new outbound for mail " + mailId + " (" + kind + ")"; // never the recipient or the text
    }
}
