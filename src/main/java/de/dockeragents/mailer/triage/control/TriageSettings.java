package de.dockeragents.mailer.triage.control;

import java.time.Duration;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * Triage's configuration ({@code mailer.triage.*}, {@code mailer.ollama.*}), read and checked once.
 * The Fault Tolerance and Rest Client values are read by Liberty itself through the mappings in
 * microprofile-config.properties; they are checked here so a typo stops the mailer at start-up.
 */
public record TriageSettings(
        String profile,
        boolean aiEnabled,
        String model,
        String keepAlive,
        int maxBodyChars,
        int parallel,
        int queue,
        int capacity,
        Duration sweepInterval,
        boolean reclassify,
        Duration reclassifyMaxAge,
        int reclassifyBatch) {

    public static TriageSettings read(ConfigProblems c) {
        String profile = c.required("mp.config.profile");
        boolean ai = Boolean.parseBoolean(c.required("mailer.triage.ai-enabled"));
        String model = c.required("mailer.ollama.model");
        String keepAlive = c.required("mailer.ollama.keep-alive");
        int maxBody = c.integer("mailer.triage.max-body-chars", 200, 100_000);
        int parallel = c.integer("mailer.ollama.parallel", 1, 64);
        int queue = c.integer("mailer.ollama.queue", 0, 1000);
        c.integer("mailer.ollama.timeout-ms", 100, 3_600_000);
        c.integer("mailer.ollama.read-timeout-ms", 100, 3_600_000);
        c.integer("mailer.ollama.connect-timeout-ms", 100, 600_000);
        c.required("mailer.ollama.url");
        int capacity = c.integer("mailer.triage.queue-capacity", 10, 1_000_000);
        Duration sweep = c.duration("mailer.triage.sweep-interval", Duration.ofSeconds(1), Duration.ofHours(1));
        boolean reclassify = Boolean.parseBoolean(c.required("mailer.triage.reclassify"));
        Duration maxAge = c.duration("mailer.triage.reclassify-max-age", Duration.ofMinutes(1), Duration.ofDays(365));
        int batch = c.integer("mailer.triage.reclassify-batch", 1, 10_000);
        return new TriageSettings(
                profile, ai, model, keepAlive, maxBody, parallel, queue, capacity, sweep, reclassify, maxAge, batch);
    }

    /** In flight at once: every slot busy and one waiting per slot, never more than the bulkhead takes. */
    public int permits() {
        return parallel + Math.min(queue, parallel);
    }
}
