package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.util.Locale;

import de.dockeragents.mailer.ops.control.ConfigProblems;

/** Everything the inbox needs to know about its mailbox, read and checked once at start-up. */
public record ImapSettings(String host, int port, Security security, String user, String password,
        String folder, AfterStore afterStore, String moveTo, Duration timeout, boolean gmail,
        Duration pollInterval, int batchSize, long batchBytes, long maxMessageBytes, InitialImport initialImport) {

    public enum Security {
        SSL, STARTTLS, PLAIN
    }

    /** What happens to a message on the server once it is safely stored. */
    public enum AfterStore {
        LEAVE, SEEN, MOVE
    }

    public static ImapSettings read(ConfigProblems c) {
        String host = c.required("mailer.imap.host");
        Security security = c.choice("mailer.imap.security", Security.class);
        AfterStore afterStore = c.choice("mailer.imap.after-store", AfterStore.class);
        String moveTo = c.required("mailer.imap.move-to");
        GmailMode gmail = c.choice("mailer.imap.gmail", GmailMode.class);
        ImapSettings s = new ImapSettings(host,
                c.integer("mailer.imap.port", 1, 65535),
                security,
                c.required("mailer.imap.user"),
                c.required("mailer.imap.password"),
                c.required("mailer.imap.folder"),
                afterStore, moveTo,
                c.duration("mailer.imap.timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                gmail.applies(host),
                c.duration("mailer.poll.interval", Duration.ofSeconds(1), Duration.ofHours(24)),
                c.integer("mailer.poll.batch-size", 1, 1000),
                c.bytes("mailer.poll.batch-bytes", 1024, 1L << 30),
                c.bytes("mailer.poll.max-message-size", 1024, 1L << 30),
                initialImport(c));
        if (afterStore == AfterStore.MOVE && moveTo.equalsIgnoreCase(s.folder())) {
            c.problem("mailer.imap.move-to must differ from mailer.imap.folder when mailer.imap.after-store=move");
        }
        return s;
    }

    static InitialImport initialImport(ConfigProblems c) {
        String raw = c.required(InitialImport.KEY);
        if (raw.isEmpty()) {
            return InitialImport.NONE;
        }
        try {
            return InitialImport.parse(raw);
        } catch (IllegalArgumentException e) {
            c.problem(InitialImport.KEY + " must be none, since:<duration> (e.g. since:14d) or all (was '" + raw + "')");
            return InitialImport.NONE;
        }
    }

    /** Gmail offers X-GM-MSGID, a stable id across folders and UIDVALIDITY changes. */
    enum GmailMode {
        AUTO, TRUE, FALSE;

        boolean applies(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return this == TRUE || (this == AUTO && (h.endsWith("gmail.com") || h.endsWith("googlemail.com")));
        }
    }

    @Override
    public String toString() {
        // never print the password, and the user only as far as the domain
        return "ImapSettings[" + host + ":" + port + " " + security + ", folder=" + folder + ", afterStore=" + afterStore
                + ", poll=" + pollInterval + ", batch=" + batchSize + ", initialImport=" + initialImport + "]";
    }
}
