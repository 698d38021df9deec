package it.inbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.LibertyServer;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit-code contract, with the real server: 1 for configuration a person must fix, 2 for a
 * connection that did not come within the grace time. Each run is a second server instance with
 * its own output directory beside the running one.
 */
class ExitCodeIT {

    static DevStack stack;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
    }

    @Test
    void invalidConfigurationExitsWithCode1AndNamesEveryBadKey() {
        LibertyServer bad = ItStack.beside(
                "bad-config",
                Map.of(
                        "MP_CONFIG_PROFILE", "klinik",
                        "MAILER_POLL_INTERVAL", "often",
                        "MAILER_IMAP_SECURITY", "tls-maybe",
                        "MAILER_IMAP_INITIAL_IMPORT", "since:fortnight",
                        "MAILER_REPLY_MAX_AGE", "old",
                        "MAILER_NOTIFY_URGENT_TO", "the team",
                        "MAILER_HEALTH_LIVENESS_EXIT_AFTER", "soon",
                        "REVIEW_LAN", "yes"));
        assertEquals(1, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        String log = bad.messagesLog();
        assertTrue(log.contains("mp.config.profile names an unknown profile 'klinik'"), log);
        assertTrue(log.contains("mailer.poll.interval is not a duration"), log);
        assertTrue(log.contains("mailer.imap.security must be one of ssl, starttls, plain"), log);
        assertTrue(
                log.contains("mailer.imap.initial-import must be none, since:<duration> (e.g. since:14d) or all"), log);
        assertTrue(log.contains("mailer.reply.max-age is not a duration"), log);
        assertTrue(log.contains("mailer.notify.urgent-to must be one mail address"), log);
        assertTrue(log.contains("mailer.health.liveness-exit-after is not a duration"), log);
        assertTrue(log.contains("review.lan must be off or on (was 'yes')"), log);
    }

    @Test
    void aMissingSecretExitsWithCode1WithoutPrintingAnySecret() {
        Map<String, String> env = new HashMap<>();
        env.put("MAILER_IMAP_PASSWORD_FILE", "");
        LibertyServer bad = ItStack.beside("no-secret", env);
        assertEquals(1, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        String log = bad.messagesLog();
        assertTrue(log.contains("mailer.imap.password is required"), log);
        assertFalse(log.contains(DevStack.DB_PASSWORD), "no secret in the log");
    }

    @Test
    void noDatabaseWithinTheGraceTimeExitsWithCode2() {
        LibertyServer bad = ItStack.beside(
                "no-db", Map.of("DB_PORT", String.valueOf(DevStack.port(0)), "MAILER_STARTUP_GRACE", "3s"));
        assertEquals(2, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        assertTrue(bad.messagesLog().contains("no database connection within mailer.startup.grace"));
    }

    @Test
    void aWrongMailboxPasswordIsAConfigurationErrorNotAnOutage() {
        Path wrong = stack.options().workDir().resolve("secrets/wrong_password");
        try {
            java.nio.file.Files.writeString(wrong, "not-the-password");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        LibertyServer bad = ItStack.beside("wrong-password", Map.of("MAILER_IMAP_PASSWORD_FILE", wrong.toString()));
        assertEquals(1, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        assertTrue(bad.messagesLog().contains("the IMAP server rejected the login"));
        assertFalse(bad.messagesLog().contains("not-the-password"));
    }
}
