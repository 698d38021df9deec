package de.dockeragents.mailer.triage.entity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

/**
 * A stored mail as triage and reply see it. Addresses are the raw header texts; code picks the
 * address it needs out of them. {@code headers} is the raw header block (for the loop guard and the
 * spam signals); {@code spamHints} what ingest found in the links and the server's junk marks, one
 * {@code SpamSignal} per line (null: none).
 */
public record MailFacts(
        long id,
        String from,
        String replyTo,
        String subject,
        String body,
        OffsetDateTime receivedAt,
        String messageId,
        String references,
        String autoSubmitted,
        String precedence,
        String listId,
        boolean listUnsubscribe,
        String headers,
        String spamHints) {

    public MailFacts(
            long id,
            String from,
            String replyTo,
            String subject,
            String body,
            OffsetDateTime receivedAt,
            String messageId,
            String references,
            String autoSubmitted,
            String precedence,
            String listId,
            boolean listUnsubscribe,
            String headers) {
        this(
                id,
                from,
                replyTo,
                subject,
                body,
                receivedAt,
                messageId,
                references,
                autoSubmitted,
                precedence,
                listId,
                listUnsubscribe,
                headers,
                null);
    }

    public String subjectOrEmpty() {
        return subject == null ? "" : subject;
    }

    public String bodyOrEmpty() {
        return body == null ? "" : body;
    }

    /** The header block as fields; none when there is none or it cannot be read. */
    public InternetHeaders headerFields() {
        try {
            return new InternetHeaders(new ByteArrayInputStream(
                    ((headers == null ? "" : headers) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            return new InternetHeaders();
        }
    }
}
