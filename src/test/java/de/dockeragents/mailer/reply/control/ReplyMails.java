package de.dockeragents.mailer.reply.control;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

/** Test mail with headers. */
final class ReplyMails {

    static final String OWN = "praxis@example.de";

    private ReplyMails() {}

    static MailFacts mail(String from, String replyTo, String headers) {
        return new MailFacts(
                42,
                from,
                replyTo,
                "Rezept",
                "Bitte ein Folgerezept",
                OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.UTC),
                "<orig@example.org>",
                "<a@x> <b@x>",
                null,
                null,
                null,
                false,
                "From: " + from + "\r\nSubject: Rezept" + (headers.isEmpty() ? "" : "\r\n" + headers));
    }

    static MailFacts plain() {
        return mail("Erika Muster <erika@example.org>", null, "");
    }

    static Decision decision(String category, Priority priority, String language) {
        return new Decision(
                42,
                new Verdict(category, priority, language, "s", true, 0.9),
                ClassifiedBy.AI,
                AiOutcome.OK,
                "m",
                List.of(),
                List.of(),
                5);
    }
}
