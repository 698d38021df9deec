package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.ops.control.ConfigProblems;
import de.dockeragents.mailer.triage.control.Addresses;

/** The reply configuration ({@code mailer.reply.*}). */
public record ReplySettings(boolean enabled, boolean autoSend, boolean aiDrafts, String from, Set<String> ownAddresses,
        Duration perSenderWindow) {

    public static ReplySettings read(Config config) {
        ConfigProblems c = new ConfigProblems(config);
        ReplySettings s = read(c, config);
        if (!c.problems().isEmpty()) {
            throw new IllegalStateException("reply configuration: " + String.join("; ", c.problems()));
        }
        return s;
    }

    public static ReplySettings read(ConfigProblems c, Config config) {
        boolean enabled = Boolean.parseBoolean(c.required("mailer.reply.enabled"));
        boolean autoSend = Boolean.parseBoolean(c.required("mailer.reply.auto-send"));
        boolean aiDrafts = Boolean.parseBoolean(c.required("mailer.reply.ai-drafts"));
        String from = config.getOptionalValue("mailer.reply.from", String.class)
                .or(() -> config.getOptionalValue("mailer.imap.user", String.class)).orElse("").strip()
                .toLowerCase(Locale.ROOT);
        if (enabled && !Addresses.valid(from)) {
            c.problem("mailer.reply.from (or mailer.imap.user) must be our mailbox's address");
        }
        Set<String> own = new LinkedHashSet<>();
        own.add(from);
        config.getOptionalValue("mailer.reply.aliases", String.class).ifPresent(a -> Arrays.stream(a.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).forEach(own::add));
        Duration window = c.duration("mailer.reply.per-sender-window", Duration.ofMinutes(1), Duration.ofDays(30));
        return new ReplySettings(enabled, autoSend, aiDrafts, from, Set.copyOf(own), window);
    }

    public String messageIdDomain() {
        return Addresses.domain(from);
    }
}
