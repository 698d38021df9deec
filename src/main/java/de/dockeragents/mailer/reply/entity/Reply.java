package de.dockeragents.mailer.reply.entity;

import java.util.List;
import java.util.Objects;

/**
 * A reply ready for the outbound queue. The recipient was chosen by code from the original's
 * headers; nothing here comes from a model except, for an AI draft, the checked body text. An AI
 * draft with {@code findings} is suspicious; {@code modelText} is then what the model wrote, kept
 * for audit (never shown as the draft, never sent).
 */
public record Reply(
        long mailId,
        ReplyKind kind,
        String recipient,
        String subject,
        String body,
        String language,
        String template,
        String inReplyTo,
        String references,
        List<DraftFinding> findings,
        String modelText) {

    public Reply {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(body);
        findings = findings == null ? List.of() : List.copyOf(findings);
        if (!findings.isEmpty() && kind != ReplyKind.AI_DRAFT) {
            throw new IllegalArgumentException("only an AI draft can be suspicious");
        }
    }

    /** A reply without model text. */
    public Reply(
            long mailId,
            ReplyKind kind,
            String recipient,
            String subject,
            String body,
            String language,
            String template,
            String inReplyTo,
            String references) {
        this(mailId, kind, recipient, subject, body, language, template, inReplyTo, references, List.of(), null);
    }

    public Reply withBody(String value, ReplyKind newKind) {
        return new Reply(
                mailId,
                newKind,
                recipient,
                subject,
                value,
                language,
                template,
                inReplyTo,
                references,
                findings,
                modelText);
    }

    /** This reply as an AI draft with the model's checked text, its findings and (when suspicious) the model's own text. */
    public Reply asAiDraft(String text, List<DraftFinding> found, String model) {
        return new Reply(
                mailId,
                ReplyKind.AI_DRAFT,
                recipient,
                subject,
                text,
                language,
                template,
                inReplyTo,
                references,
                found,
                model);
    }

    public boolean suspicious() {
        return !findings.isEmpty();
    }
}
