package de.dockeragents.mailer.triage.control;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import de.dockeragents.mailer.triage.entity.MailFacts;

/** Test mail. */
public final class Mails {

    private Mails() {}

    public static MailFacts of(String from, String subject, String body) {
        return new MailFacts(
                1,
                from,
                null,
                subject,
                body,
                OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.UTC),
                "<m1@example.org>",
                null,
                null,
                null,
                null,
                false,
                "From: " + from + "\r\nSubject: x");
    }

    public static MailFacts of(String subject, String body) {
        return of("Erika Muster <erika@example.org>", subject, body);
    }

    /** Ollama's /api/chat response around a content string. */
    public static String envelope(String content) {
        return "{\"model\":\"m:1\",\"message\":{\"role\":\"assistant\",\"content\":"
                + dev.OllamaStandIn.jsonString(content) + "},\"done\":true}";
    }

    public static String answer(String category, String priority) {
        return "{\"category\":\"" + category + "\",\"priority\":\"" + priority + "\",\"language\":\"de\","
                + "\"summary\":\"Kurz\",\"needs_reply\":true,\"confidence\":0.9}";
    }
}
