package de.dockeragents.mailer.ops.boundary;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.ops.control.Configuration;
import de.dockeragents.mailer.ops.control.Migrations;
import de.dockeragents.mailer.ops.control.Settings;
import de.dockeragents.mailer.outbox.control.SmtpLogin;
import de.dockeragents.mailer.outbox.control.SmtpStatus;
import de.dockeragents.mailer.platform.control.AccessTokens;
import de.dockeragents.mailer.platform.control.ExitCode;
import de.dockeragents.mailer.platform.control.StartupState;
import de.dockeragents.mailer.platform.control.TokenRefusal;
import de.dockeragents.mailer.platform.entity.Started;

/**
 * Start-up in the order that can fail: configuration (exit 1), the database, the OAuth2 token (where
 * used), the mailbox and the SMTP login within the grace time (exit 2; wrong credentials and a refused
 * refresh token are configuration, exit 1),
 * migrations, then {@link Started}, on which every component starts its timers. It runs beside
 * the server's own start so health answers meanwhile: not started.
 */
@Startup
@Singleton
public class Boot {

    private static final Logger LOG = Logger.getLogger(Boot.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(2);

    @Resource(lookup = "jdbc/mailer")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Configuration configuration;

    @Inject
    StartupState state;

    @Inject
    Event<Started> started;

    @Inject
    SmtpStatus smtpStatus;

    @PostConstruct
    void begin() {
        executor.submit(this::boot);
    }

    void boot() {
        try {
            Settings settings = configuration.settings();
            if (!settings.problems().isEmpty()) {
                settings.problems().forEach(p -> LOG.severe("configuration error: " + p));
                ExitCode.CONFIGURATION.exit(settings.problems().size() + " configuration error(s), see above");
                return;
            }
            LOG.info(() -> "mailer profile " + settings.profile().name() + ", " + settings.imap());
            Instant deadline = Instant.now().plus(settings.startupGrace());
            if (!awaitDatabase(deadline)
                    || !awaitToken(settings, deadline)
                    || !awaitMailbox(settings, deadline)
                    || !awaitSmtp(settings, deadline)) {
                return;
            }
            var migrated = Migrations.apply(dataSource);
            LOG.info(() -> "database schema at version " + migrated.targetSchemaVersion + " ("
                    + migrated.migrationsExecuted + " migration(s) applied now)");
            started.fire(new Started());
            state.started(true);
            LOG.info(() -> "mailer started, polling every "
                    + settings.inbox().pollInterval().toSeconds() + "s");
        } catch (RuntimeException e) {
            LOG.severe("start-up failed: " + e);
            ExitCode.CONFIGURATION.exit("start-up failed: " + e.getClass().getSimpleName());
        }
    }

    private boolean awaitDatabase(Instant deadline) {
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid(5)) {
                    return true;
                }
            } catch (SQLException e) {
                String state = sqlState(e);
                // 28xxx: wrong user or password; 3D000: no such database -- waiting will not help
                if (state != null && (state.startsWith("28") || state.equals("3D000"))) {
                    ExitCode.CONFIGURATION.exit("the database refused the configured login or database name (SQLSTATE "
                            + state + "); check DB_NAME, DB_USER, DB_PASSWORD");
                    return false;
                }
                if (Instant.now().isAfter(deadline)) {
                    ExitCode.CONNECTION.exit("no database connection within mailer.startup.grace (SQLSTATE " + state
                            + "); check DB_HOST, DB_PORT and that PostgreSQL runs");
                    return false;
                }
                LOG.info(() -> "waiting for the database (SQLSTATE " + state + ")");
            }
            pause();
        }
    }

    /** A revoked or expired refresh token stops the mailer here, with the endpoint's reason. */
    private boolean awaitToken(Settings settings, Instant deadline) {
        if (settings.oauth().isEmpty()) {
            return true;
        }
        AccessTokens tokens = settings.oauth().get();
        while (true) {
            try {
                tokens.current();
                return true;
            } catch (TokenRefusal e) {
                if (e.refused()) {
                    ExitCode.CONFIGURATION.exit("the OAuth2 token endpoint refused the refresh token ("
                            + e.getMessage() + "); get a new one with scripts/oauth-login.py and put it into "
                            + "mailer.oauth.refresh-token (docs/gmail.md, docs/microsoft365.md), or check "
                            + "mailer.oauth.client-id and mailer.oauth.client-secret");
                    return false;
                }
                if (Instant.now().isAfter(deadline)) {
                    ExitCode.CONNECTION.exit("no OAuth2 access token within mailer.startup.grace: " + e.getMessage());
                    return false;
                }
                LOG.info(() -> "waiting for the OAuth2 token endpoint: " + e.getMessage());
            }
            pause();
        }
    }

    private boolean awaitMailbox(Settings settings, Instant deadline) {
        while (true) {
            try (ImapMailbox box = ImapMailbox.open(settings.imap())) {
                return true;
            } catch (AuthenticationFailedException e) {
                ExitCode.CONFIGURATION.exit(
                        settings.imap().login().oauth()
                                ? "the IMAP server rejected the XOAUTH2 login with a fresh access token; check "
                                        + "mailer.imap.user and the scope the refresh token was granted for "
                                        + "(docs/gmail.md, docs/microsoft365.md)"
                                : "the IMAP server rejected the login; check mailer.imap.user and "
                                        + "mailer.imap.password (for Gmail an app password)");
                return false;
            } catch (MessagingException e) {
                if (Instant.now().isAfter(deadline)) {
                    ExitCode.CONNECTION.exit(
                            "no IMAP connection to " + settings.imap().host() + ":"
                                    + settings.imap().port() + " within mailer.startup.grace: " + e.getMessage());
                    return false;
                }
                LOG.info(() -> "waiting for the IMAP server: " + e.getMessage());
            }
            pause();
        }
    }

    /** Bad SMTP settings stop the mailer here, not weeks later as replies that never leave. */
    private boolean awaitSmtp(Settings settings, Instant deadline) {
        if (!settings.outbox().enabled()) {
            return true;
        }
        while (true) {
            SmtpLogin login = SmtpLogin.check(settings.outbox().smtp());
            smtpStatus.record(login);
            if (login.ok()) {
                return true;
            }
            if (login.rejected()) {
                ExitCode.CONFIGURATION.exit("the SMTP server rejected the login; check mailer.smtp.user and "
                        + "mailer.smtp.password (default: the IMAP login; for Gmail an app password): "
                        + login.reason());
                return false;
            }
            if (Instant.now().isAfter(deadline)) {
                ExitCode.CONNECTION.exit(
                        "no SMTP connection to " + settings.outbox().smtp().host() + ":"
                                + settings.outbox().smtp().port() + " within mailer.startup.grace: " + login.reason());
                return false;
            }
            LOG.info(() -> "waiting for the SMTP server: " + login.reason());
            pause();
        }
    }

    private static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("start-up interrupted", e);
        }
    }
}
