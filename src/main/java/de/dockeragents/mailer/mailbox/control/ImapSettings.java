package de.dockeragents.mailer.mailbox.control;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.platform.control.MailLogin;

/**
 * The mailbox: how to reach it ({@code mailer.imap.*}), the folder the mailer reads, and where a
 * stored mail goes on the server ({@code after-store}, {@code move-to}); read and checked once at start-up.
 */
public record ImapSettings(
        String host,
        int port,
        Security security,
        String user,
        MailLogin login,
        String folder,
        AfterStore afterStore,
        String moveTo,
        Duration timeout,
        boolean gmail) {

    public enum Security {
        SSL,
        STARTTLS,
        PLAIN
    }

    /** What happens to a message on the server once it is safely stored. */
    public enum AfterStore {
        LEAVE,
        SEEN,
        MOVE
    }

    /** {@code tokens}: the shared OAuth2 tokens, asked for only with {@code mailer.imap.auth=xoauth2}. */
    public static ImapSettings read(ConfigProblems c, Supplier<AccessTokens> tokens) {
        String host = c.required("mailer.imap.host");
        Security security = c.choice("mailer.imap.security", Security.class);
        AfterStore afterStore = c.choice("mailer.imap.after-store", AfterStore.class);
        String moveTo = c.required("mailer.imap.move-to");
        GmailMode gmail = c.choice("mailer.imap.gmail", GmailMode.class);
        ImapSettings s = new ImapSettings(
                host,
                c.integer("mailer.imap.port", 1, 65535),
                security,
                c.required("mailer.imap.user"),
                c.choice("mailer.imap.auth", MailLogin.Mechanism.class) == MailLogin.Mechanism.XOAUTH2
                        ? MailLogin.xoauth2(tokens.get())
                        : MailLogin.password(c.required("mailer.imap.password")),
                c.required("mailer.imap.folder"),
                afterStore,
                moveTo,
                c.duration("mailer.imap.timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                gmail.applies(host));
        if (afterStore == AfterStore.MOVE && moveTo.equalsIgnoreCase(s.folder())) {
            c.problem("mailer.imap.move-to must differ from mailer.imap.folder when mailer.imap.after-store=move");
        }
        return s;
    }

    /** Gmail offers X-GM-MSGID, a stable id across folders and UIDVALIDITY changes. */
    enum GmailMode {
        AUTO,
        TRUE,
        FALSE;

        boolean applies(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return this == TRUE || (this == AUTO && (h.endsWith("gmail.com") || h.endsWith("googlemail.com")));
        }
    }

    @Override
    public String toString() {
        // never print the password, and the user only as far as the domain
        return "ImapSettings[" + host + ":" + port + " " + security + ", folder=" + folder + ", afterStore="
                + afterStore + ", login=" + login + "]";
    }
}
