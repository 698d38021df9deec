package de.dockeragents.mailer.review.entity;

import java.time.Instant;
import java.util.List;

/**
 * One mail for the page: its headers, its text (plain, or the text of its HTML part; the page shows
 * either as text only), triage's verdict and the reply. classification and draft may be null.
 */
public record MailDetail(
        long id,
        String status,
        String subject,
        String from,
        String replyTo,
        String to,
        String cc,
        Instant sentAt,
        Instant receivedAt,
        String textBody,
        String htmlText,
        List<Attachment> attachments,
        ClassificationView classification,
        Draft draft) {}
