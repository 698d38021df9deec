package de.dockeragents.mailer.triage.control;

import java.time.Duration;

import de.dockeragents.mailer.mailbox.control.MailboxLabels.Mode;
import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * How triage shows in the mailbox ({@code mailer.labels.*}). {@code auto}: label folders on Gmail,
 * IMAP keywords where the server keeps them, otherwise nothing.
 */
public record LabelSettings(Mode mode, Duration maxAge, LabelNames names) {

    public static LabelSettings read(ConfigProblems c) {
        Mode mode = c.choice("mailer.labels.mode", Mode.class);
        Duration maxAge = c.duration("mailer.labels.max-age", Duration.ofMinutes(1), Duration.ofDays(365));
        String profile = c.required("mp.config.profile");
        LabelNames names = null;
        if (!profile.isEmpty() && profile.matches("[a-z][a-z0-9-]{0,30}")) {
            try {
                names = LabelNames.load(profile);
            } catch (IllegalArgumentException e) {
                c.problem(e.getMessage());
            }
        }
        return new LabelSettings(mode, maxAge, names);
    }

    public boolean enabled() {
        return mode != Mode.OFF && names != null;
    }
}
