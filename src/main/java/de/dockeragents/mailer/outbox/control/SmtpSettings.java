package de.dockeragents.mailer.outbox.control;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;

import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.platform.control.MailLogin;

/**
 * The SMTP server replies leave by ({@code mailer.smtp.*}). User and password default to the IMAP
 * login: a Gmail app password serves both. Plain text is for a local test server only.
 */
public record SmtpSettings(
        String host, int port, Security security, String user, MailLogin login, String from, Duration timeout) {

    public enum Security {
        SSL,
        STARTTLS,
        PLAIN
    }

    /** {@code tokens}: the OAuth2 tokens IMAP uses too, asked for only with {@code mailer.smtp.auth=xoauth2}. */
    public static SmtpSettings read(ConfigProblems c, Config config, Supplier<AccessTokens> tokens) {
        String host = c.required("mailer.smtp.host");
        int port = c.integer("mailer.smtp.port", 1, 65535);
        Security security = c.choice("mailer.smtp.security", Security.class);
        if (security == Security.PLAIN && !local(host)) {
            c.problem("mailer.smtp.security=plain is only allowed for a local server (loopback or a compose service"
                    + " name without dots); use starttls or ssl for " + "mailer.smtp.host");
        }
        String user = optional(config, "mailer.smtp.user")
                .or(() -> optional(config, "mailer.imap.user"))
                .orElse("");
        MailLogin login;
        // as IMAP logs in unless set: one Google or Microsoft account serves both
        String auth = optional(config, "mailer.smtp.auth")
                .or(() -> optional(config, "mailer.imap.auth"))
                .orElse("password");
        if (!auth.equalsIgnoreCase("password") && !auth.equalsIgnoreCase("xoauth2")) {
            c.problem("mailer.smtp.auth must be one of password, xoauth2 (was '" + auth + "')");
        }
        if (auth.equalsIgnoreCase("xoauth2")) {
            login = MailLogin.xoauth2(tokens.get());
            if (user.isEmpty()) {
                c.problem(
                        "mailer.smtp.auth=xoauth2 needs mailer.smtp.user (or mailer.imap.user): the account to log in");
            }
        } else {
            String password = optional(config, "mailer.smtp.password")
                    .or(() -> optional(config, "mailer.imap.password"))
                    .orElse("");
            if (user.isEmpty() != password.isEmpty()) {
                c.problem(
                        "mailer.smtp.user and mailer.smtp.password (or the IMAP login they default to) must be set together");
            }
            login = MailLogin.password(password);
        }
        String from = optional(config, "mailer.reply.from")
                .or(() -> optional(config, "mailer.imap.user"))
                .orElse("")
                .toLowerCase(Locale.ROOT);
        if (!Addresses.valid(from)) {
            c.problem(
                    "mailer.reply.from (or mailer.imap.user) must be our mailbox's address: it is the sender of every reply");
        }
        Duration timeout = c.duration("mailer.smtp.timeout", Duration.ofSeconds(1), Duration.ofMinutes(5));
        return new SmtpSettings(host, port, security, user, login, from, timeout);
    }

    /** Loopback, or a single-label name such as a compose service on an internal network (mailpit). */
    static boolean local(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.startsWith("127.")
                || h.equals("::1")
                || h.equals("[::1]")
                || (!h.isEmpty() && !h.contains(".") && !h.contains(":"));
    }

    private static Optional<String> optional(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    public boolean authenticates() {
        return !user.isEmpty();
    }

    @Override
    public String toString() {
        // no user, no password
        return "SmtpSettings[" + host + ":" + port + " " + security + ", login=" + login + ", timeout=" + timeout + "]";
    }
}
