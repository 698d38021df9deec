package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * The reply configuration ({@code mailer.reply.*}). {@code planLease}: how long a mail being planned
 * is left to its planner (an AI draft waits for the model) before the sweep plans it again; it must
 * outlast the model's worst case. {@code replanAfter}: how old a classification without a reply
 * decision must be before the sweep takes it (the planner that heard of it had a crash or an error).
 * {@code aiDrafts}: the model writes drafts, {@code mailer.reply.ai-drafts} and {@code mailer.triage.ai-enabled}.
 * {@code maxAge}: mail the mailbox received longer ago than this (its INTERNALDATE) never gets an automatic
 * reply, only a draft for a person. {@code business}: {@code mailer.reply.business.name/.phone/.hours},
 * the operator's details for the templates' slots (compose.yml sets them from .env); blank ones are
 * left out, and the profile's {@code replies.json} fills them.
 */
public record ReplySettings(
        boolean enabled,
        boolean autoSend,
        boolean aiDrafts,
        String from,
        Set<String> ownAddresses,
        Duration perSenderWindow,
        Duration sweepInterval,
        Duration replanAfter,
        Duration planLease,
        String draftsFolder,
        Duration maxAge,
        Map<String, String> business) {

    /** mailer.reply.drafts-folder: off. */
    public static final String DRAFTS_NONE = "none";
    /** mailer.reply.drafts-folder: the folder with the RFC 6154 \Drafts attribute. */
    public static final String DRAFTS_AUTO = "auto";

    public static ReplySettings read(ConfigProblems c, Config config) {
        boolean enabled = Boolean.parseBoolean(c.required("mailer.reply.enabled"));
        boolean autoSend = Boolean.parseBoolean(c.required("mailer.reply.auto-send"));
        // the model writes drafts only while triage may ask it at all: ai-enabled=false means no request to Ollama
        boolean aiDrafts = Boolean.parseBoolean(c.required("mailer.reply.ai-drafts"))
                && Boolean.parseBoolean(c.required("mailer.triage.ai-enabled"));
        String from = config.getOptionalValue("mailer.reply.from", String.class)
                .or(() -> config.getOptionalValue("mailer.imap.user", String.class))
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (enabled && !Addresses.valid(from)) {
            c.problem("mailer.reply.from (or mailer.imap.user) must be our mailbox's address");
        }
        Set<String> own = new LinkedHashSet<>();
        own.add(from);
        config.getOptionalValue("mailer.reply.aliases", String.class)
                .ifPresent(a -> Arrays.stream(a.split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .forEach(own::add));
        Duration window = c.duration("mailer.reply.per-sender-window", Duration.ofMinutes(1), Duration.ofDays(30));
        Duration sweep = c.duration("mailer.reply.sweep-interval", Duration.ofSeconds(1), Duration.ofHours(1));
        Duration replanAfter = c.duration("mailer.reply.replan-after", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration lease = c.duration("mailer.reply.plan-lease", Duration.ofSeconds(10), Duration.ofDays(1));
        Duration model = modelWorstCase(config);
        if (lease.compareTo(model) < 0) {
            c.problem("mailer.reply.plan-lease must outlast a draft request with all its retries (" + model.toSeconds()
                    + "s from mailer.ollama.timeout-ms, .retries, .retry-delay-ms, .retry-jitter-ms)");
        }
        String drafts = config.getOptionalValue("mailer.reply.drafts-folder", String.class)
                .orElse("")
                .strip();
        if (drafts.isEmpty()) {
            drafts = DRAFTS_NONE;
        }
        Duration maxAge = c.duration("mailer.reply.max-age", Duration.ofMinutes(1), Duration.ofDays(365));
        Map<String, String> business = new HashMap<>();
        for (String key : List.of("name", "phone", "hours")) {
            config.getOptionalValue("mailer.reply.business." + key, String.class)
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .ifPresent(v -> business.put(key, v));
        }
        return new ReplySettings(
                enabled,
                autoSend,
                aiDrafts,
                from,
                Set.copyOf(own),
                window,
                sweep,
                replanAfter,
                lease,
                drafts,
                maxAge,
                Map.copyOf(business));
    }

    /** Every attempt at its deadline, every pause at its longest, plus half a minute for the rest. */
    static Duration modelWorstCase(Config config) {
        long timeout = number(config, "mailer.ollama.timeout-ms", 60_000);
        long retries = number(config, "mailer.ollama.retries", 0);
        long pause =
                number(config, "mailer.ollama.retry-delay-ms", 0) + number(config, "mailer.ollama.retry-jitter-ms", 0);
        return Duration.ofMillis((retries + 1) * timeout + retries * pause).plusSeconds(30);
    }

    /** Triage checks these keys; here a bad value only counts as its default. */
    private static long number(Config config, String key, long fallback) {
        try {
            return config.getOptionalValue(key, String.class)
                    .map(String::strip)
                    .map(Long::parseLong)
                    .orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean draftsFolderEnabled() {
        return !DRAFTS_NONE.equalsIgnoreCase(draftsFolder);
    }

    public String messageIdDomain() {
        return Addresses.domain(from);
    }
}
