package de.dockeragents.mailer.review.control;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * How long the mailer keeps mail ({@code mailer.retention.mail}, docs/data-protection.md): {@code keep} (the
 * default: the practice or shop decides) or an age of at least a day, e.g. {@code 3650d}; older mail goes, with
 * everything recorded about it, in the daily run at {@code mailer.retention.at} (server time).
 */
public record RetentionSettings(Optional<Duration> mailAge, LocalTime at) {

    public static final String KEY = "mailer.retention.mail";
    static final String AT = "mailer.retention.at";

    public static RetentionSettings read(ConfigProblems c) {
        String raw = c.required(KEY).trim();
        Optional<Duration> age = raw.equalsIgnoreCase("keep")
                ? Optional.empty()
                : Optional.of(c.duration(KEY, Duration.ofDays(1), Duration.ofDays(36_600)));
        String time = c.required(AT).trim();
        LocalTime at = LocalTime.of(3, 30);
        try {
            at = LocalTime.parse(time);
        } catch (DateTimeParseException e) {
            c.problem(AT + " is not a time of day like 03:30 (was '" + time + "')");
        }
        return new RetentionSettings(age, at);
    }
}
