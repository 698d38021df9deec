package de.dockeragents.mailer.reply.entity;

import java.util.Objects;

/**
 * A reply ready for the outbound queue. The recipient was chosen by code from the original's
 * headers; nothing here comes from a model except, for an AI draft, the cleaned body text.
 */
public record Reply(long mailId, ReplyKind kind, String recipient, String subject, String body, String language,
        String template, String inReplyTo, String references) {

    public Reply {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(body);
    }

    public Reply withBody(String value, ReplyKind newKind) {
        return new Reply(mailId, newKind, recipient, subject, value, language, template, inReplyTo, references);
    }
}
