package dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who one mailer is on the local stack: its profile, its mailbox (address, login, password) and its
 * database (name, role, password). Several accounts share one PostgreSQL and one mail server, as
 * praxis-mailer and ecom-mailer share them in compose.yml.
 */
public record MailerAccount(
        String profile,
        String mailbox,
        String login,
        String password,
        String dbName,
        String dbUser,
        String dbPassword) {

    public static final MailerAccount PRAXIS = new MailerAccount(
            "praxis",
            "praxis@mailer.test",
            "praxis",
            "praxis-dev-password",
            "praxis",
            "praxis_mailer",
            "praxis-dev-db-password");
    public static final MailerAccount ECOM = new MailerAccount(
            "ecom", "ecom@mailer.test", "ecom", "ecom-dev-password", "ecom", "ecom_mailer", "ecom-dev-db-password");

    /** Users of the review page and API (roles admin and staff); every local mailer has both. */
    public static final String REVIEW_ADMIN = "admin";

    public static final String REVIEW_ADMIN_PASSWORD = "review-admin-dev-password";
    public static final String REVIEW_STAFF = "staff";
    public static final String REVIEW_STAFF_PASSWORD = "review-staff-dev-password";

    /** Where one mailer finds the local services; the ports are the ones they listen on. */
    public record Ports(int http, int https, int postgres, int imap, int smtp, int clamd) {}

    /** Its database and its mailbox, unless they exist. */
    public void provision(LocalPostgres postgres, LocalMailServer mail) {
        postgres.createMailerDatabase(dbName, dbUser, dbPassword);
        mail.user(mailbox, login, password);
    }

    /**
     * The environment the mailer's Liberty server runs with. Secrets reach it as in production, as
     * files: written under {@code workDir/secrets}, named by VARIABLE_SOURCE_DIRS and *_FILE.
     */
    public Map<String, String> env(Path workDir, Ports ports, String ollamaUrl) {
        Path secrets = workDir.resolve("secrets");
        write(secrets.resolve("db.password"), dbPassword);
        write(secrets.resolve("imap_password"), password);
        write(secrets.resolve("review.admin.password"), REVIEW_ADMIN_PASSWORD);
        write(secrets.resolve("review.staff.password"), REVIEW_STAFF_PASSWORD);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HTTP_PORT", String.valueOf(ports.http()));
        env.put("HTTPS_PORT", String.valueOf(ports.https()));
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(ports.postgres()));
        env.put("DB_NAME", dbName);
        env.put("DB_USER", dbUser);
        env.put("VARIABLE_SOURCE_DIRS", secrets.toString());
        env.put("MP_CONFIG_PROFILE", profile);
        env.put("MAILER_IMAP_HOST", "127.0.0.1");
        env.put("MAILER_IMAP_PORT", String.valueOf(ports.imap()));
        env.put("MAILER_IMAP_SECURITY", "plain");
        env.put("MAILER_IMAP_USER", login);
        env.put("MAILER_IMAP_PASSWORD_FILE", secrets.resolve("imap_password").toString());
        env.put("MAILER_POLL_INTERVAL", "5s");
        env.put("MAILER_REPLY_FROM", mailbox);
        // replies leave through the same GreenMail, which files them in the mailbox's Sent folder as Gmail does
        env.put("MAILER_SMTP_HOST", "127.0.0.1");
        env.put("MAILER_SMTP_PORT", String.valueOf(ports.smtp()));
        env.put("MAILER_SMTP_SECURITY", "plain");
        env.put("MAILER_OUTBOX_SENT_FOLDER", LocalMailServer.SENT);
        env.put("MAILER_ATTACHMENT_ROOT", workDir.resolve("attachments").toString());
        env.put("MAILER_ATTACHMENT_QUARANTINE", workDir.resolve("quarantine").toString());
        env.put("MAILER_ATTACHMENT_CLAMD_HOST", "127.0.0.1");
        env.put("MAILER_ATTACHMENT_CLAMD_PORT", String.valueOf(ports.clamd()));
        env.put("MAILER_OLLAMA_URL", ollamaUrl);
        env.put("MAILER_STARTUP_GRACE", "30s");
        return env;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
