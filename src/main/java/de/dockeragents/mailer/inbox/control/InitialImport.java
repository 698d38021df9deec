package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import de.dockeragents.mailer.platform.control.Durations;

/**
 * What of a folder's existing mail is read when the mailer sees the folder for the first time
 * ({@code mailer.imap.initial-import}): {@code none} (start at the folder's UIDNEXT), {@code since:<duration>}
 * (mail whose INTERNALDATE is at most that old) or {@code all}. What is read this way is history: stored and
 * classified, never answered automatically. The operator's first decision, so it is explicit and recorded.
 */
public record InitialImport(Kind kind, Duration since) {

    public static final String KEY = "mailer.imap.initial-import";
    public static final InitialImport NONE = new InitialImport(Kind.NONE, null);
    public static final InitialImport ALL = new InitialImport(Kind.ALL, null);

    public enum Kind {
        NONE,
        SINCE,
        ALL
    }

    /** {@code none}, {@code all} or {@code since:14d}; anything else is an IllegalArgumentException. */
    public static InitialImport parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("none")) {
            return NONE;
        }
        if (value.equals("all")) {
            return ALL;
        }
        if (value.startsWith("since:")) {
            Duration d = Durations.parse(value.substring("since:".length()));
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("since: needs a duration above zero");
            }
            return new InitialImport(Kind.SINCE, d);
        }
        throw new IllegalArgumentException("not none, since:<duration> or all");
    }

    /** The oldest INTERNALDATE imported when the folder is first seen {@code at}; null: no limit (all) or nothing (none). */
    public Instant sinceInstant(Instant at) {
        return kind == Kind.SINCE ? at.minus(since) : null;
    }

    /** As configured, e.g. {@code since:14d}. */
    public String wire() {
        return switch (kind) {
            case NONE -> "none";
            case ALL -> "all";
            case SINCE -> "since:" + format(since);
        };
    }

    private static String format(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    @Override
    public String toString() {
        return wire();
    }
}
