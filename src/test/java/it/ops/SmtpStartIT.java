package it.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The SMTP settings are checked at start, like IMAP's: a login the server refuses is a
 * configuration error (exit 1), a server that does not answer within the grace time an outage
 * (exit 2). Before, both showed up only later, as replies that never left.
 */
class SmtpStartIT {

    static DevStack stack;

    @BeforeAll
    static void stack() {
        stack = ItStack.get();
    }

    @Test
    void aRefusedSmtpLoginExitsWithCode1AndNamesTheKeys() throws IOException {
        Path wrong = stack.options().workDir().resolve("secrets/wrong_smtp_password");
        Files.writeString(wrong, "not-the-smtp-password");
        LibertyServer bad =
                ItStack.beside("smtp-wrong-password", Map.of("MAILER_SMTP_PASSWORD_FILE", wrong.toString()));
        assertEquals(1, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        String log = bad.messagesLog();
        assertTrue(
                log.contains("the SMTP server rejected the login; check mailer.smtp.user and mailer.smtp.password"),
                log);
        assertFalse(log.contains("not-the-smtp-password"), "no secret in the log");
    }

    @Test
    void noSmtpServerWithinTheGraceTimeExitsWithCode2() {
        LibertyServer bad = ItStack.beside(
                "smtp-unreachable",
                Map.of("MAILER_SMTP_PORT", String.valueOf(DevStack.port(0)), "MAILER_STARTUP_GRACE", "3s"));
        assertEquals(2, bad.runToExit(Map.of(), Duration.ofMinutes(2)));
        assertTrue(bad.messagesLog().contains("no SMTP connection to 127.0.0.1:"), bad.messagesLog());
    }
}
