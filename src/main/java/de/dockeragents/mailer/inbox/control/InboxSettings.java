package de.dockeragents.mailer.inbox.control;

import java.time.Duration;

import de.dockeragents.mailer.platform.control.ConfigProblems;

/**
 * How the inbox reads its folder ({@code mailer.poll.*}, {@code mailer.imap.initial-import},
 * {@code mailer.imap.idle}, {@code mailer.imap.idle-renew}, {@code mailer.health.imap-max-age}); where the folder is and how to reach it is the mailbox's
 * {@link de.dockeragents.mailer.mailbox.control.ImapSettings}.
 */
public record InboxSettings(
        Duration pollInterval,
        int batchSize,
        long batchBytes,
        long maxMessageBytes,
        InitialImport initialImport,
        Duration maxPollAge,
        Idle idle,
        Duration idleRenew) {

    /** Whether to wait for new mail with IMAP IDLE beside the poll: where the server offers it, or never. */
    public enum Idle {
        AUTO,
        OFF
    }

    public static InboxSettings read(ConfigProblems c) {
        return new InboxSettings(
                c.duration("mailer.poll.interval", Duration.ofSeconds(1), Duration.ofHours(24)),
                c.integer("mailer.poll.batch-size", 1, 1000),
                c.bytes("mailer.poll.batch-bytes", 1024, 1L << 30),
                c.bytes("mailer.poll.max-message-size", 1024, 1L << 30),
                initialImport(c),
                c.duration("mailer.health.imap-max-age", Duration.ofSeconds(5), Duration.ofDays(1)),
                c.choice("mailer.imap.idle", Idle.class),
                // servers end an IDLE after 30 minutes at the least (RFC 2177), Gmail after about 29
                c.duration("mailer.imap.idle-renew", Duration.ofSeconds(1), Duration.ofMinutes(29)));
    }

    static InitialImport initialImport(ConfigProblems c) {
        String raw = c.required(InitialImport.KEY);
        if (raw.isEmpty()) {
            return InitialImport.NONE;
        }
        try {
            return InitialImport.parse(raw);
        } catch (IllegalArgumentException e) {
            c.problem(
                    InitialImport.KEY + " must be none, since:<duration> (e.g. since:14d) or all (was '" + raw + "')");
            return InitialImport.NONE;
        }
    }
}
