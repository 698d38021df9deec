package de.dockeragents.mailer.outbox.control;

import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.Backoff;
import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * The outbound queue's configuration ({@code mailer.outbox.*}) and its SMTP server. The lease must
 * outlast any one SMTP transaction by far: a row whose lease runs out is taken again.
 */
public record OutboxSettings(
        boolean enabled,
        Duration interval,
        int batchSize,
        Duration lease,
        int maxAttempts,
        Backoff backoff,
        String sentFolder,
        Unconfirmed unconfirmed,
        SmtpSettings smtp) {

    /** What to do with a mail that may or may not have left when no Sent folder can tell. */
    public enum Unconfirmed {
        /** dead-letter it with the reason, for a person to check and requeue: never a duplicate */
        REVIEW,
        /** send it again: never lost, perhaps twice */
        RESEND
    }

    public static final String SENT_AUTO = "auto";

    public static OutboxSettings read(ConfigProblems c, Config config, Supplier<AccessTokens> tokens) {
        boolean enabled = Boolean.parseBoolean(c.required("mailer.outbox.enabled"));
        Duration interval = c.duration("mailer.outbox.interval", Duration.ofMillis(500), Duration.ofHours(1));
        int batch = c.integer("mailer.outbox.batch-size", 1, 1000);
        Duration lease = c.duration("mailer.outbox.lease", Duration.ofSeconds(5), Duration.ofHours(6));
        int max = c.integer("mailer.outbox.max-attempts", 1, 100);
        Duration base = c.duration("mailer.outbox.backoff", Duration.ofMillis(100), Duration.ofHours(6));
        Duration cap = c.duration("mailer.outbox.backoff-max", Duration.ofMillis(100), Duration.ofDays(2));
        if (cap.compareTo(base) < 0) {
            c.problem("mailer.outbox.backoff-max must not be shorter than mailer.outbox.backoff");
        }
        String sent = c.required("mailer.outbox.sent-folder");
        Unconfirmed unconfirmed = c.choice("mailer.outbox.unconfirmed", Unconfirmed.class);
        SmtpSettings smtp = SmtpSettings.read(c, config, tokens);
        // one SMTP transaction is a handful of socket reads and writes, each bounded by the timeout
        if (lease.compareTo(smtp.timeout().multipliedBy(6)) < 0) {
            c.problem(
                    "mailer.outbox.lease must be at least 6 x mailer.smtp.timeout, so a slow send never outlives its lease");
        }
        return new OutboxSettings(
                enabled, interval, batch, lease, max, new Backoff(base, cap), sent, unconfirmed, smtp);
    }
}
