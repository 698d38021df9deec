package de.dockeragents.mailer.triage.entity;

import java.time.OffsetDateTime;

/**
 * A stored mail as triage and reply see it. Addresses are the raw header texts; code picks the
 * address it needs out of them. {@code headers} is the raw header block (for the loop guard and the
 * spam signals); {@code spamHints} what ingest found in the links and the server's junk marks, one
 * {@code SpamSignal} per line (null: none).
 */
public record MailFacts(long id, String from, String replyTo, String subject, String body,
        OffsetDateTime receivedAt, String messageId, String references, String autoSubmitted,
        String precedence, String listId, boolean listUnsubscribe, String headers, String spamHints) {

    public MailFacts(long id, String from, String replyTo, String subject, String body, OffsetDateTime receivedAt,
            String messageId, String references, String autoSubmitted, String precedence, String listId,
            boolean listUnsubscribe, String headers) {
        this(id, from, replyTo, subject, body, receivedAt, messageId, references, autoSubmitted, precedence, listId,
                listUnsubscribe, headers, null);
    }

    public String subjectOrEmpty() {
        return subject == null ? "" : subject;
    }

    public String bodyOrEmpty() {
        return body == null ? "" : body;
    }
}
