package it.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.LibertyServer;
import it.support.Exits;
import it.support.ItStack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP settings are checked at start, like IMAP's: a login the server refuses is a
 * configuration error (exit 1), a server that does not answer within the grace time an outage
 * (exit 2). Before, both showed up only later, as replies that never left. Both servers are
 * started together before the tests ({@link Exits}), each test awaits its own.
 */
class SmtpStartIT {

    static DevStack stack;
    static LibertyServer wrongPassword;
    static LibertyServer unreachable;
    static CompletableFuture<Integer> wrongPasswordExit;
    static CompletableFuture<Integer> unreachableExit;

    @BeforeAll
    static void startBoth() throws IOException {
        stack = ItStack.get();
        Path wrong = stack.options().workDir().resolve("secrets/wrong_smtp_password");
        Files.writeString(wrong, "not-the-smtp-password");
        wrongPassword = ItStack.beside("smtp-wrong-password", Map.of("MAILER_SMTP_PASSWORD_FILE", wrong.toString()));
        unreachable = ItStack.beside(
                "smtp-unreachable",
                Map.of("MAILER_SMTP_PORT", String.valueOf(DevStack.port(0)), "MAILER_STARTUP_GRACE", "3s"));
        wrongPasswordExit = Exits.start(wrongPassword, "smtp-wrong-password");
        unreachableExit = Exits.start(unreachable, "smtp-unreachable");
    }

    @Test
    void aRefusedSmtpLoginExitsWithCode1AndNamesTheKeys() {
        assertEquals(1, Exits.code(wrongPasswordExit));
        String log = wrongPassword.messagesLog();
        assertTrue(
                log.contains("the SMTP server rejected the login; check mailer.smtp.user and mailer.smtp.password"),
                log);
        assertFalse(log.contains("not-the-smtp-password"), "no secret in the log");
    }

    @Test
    void noSmtpServerWithinTheGraceTimeExitsWithCode2() {
        assertEquals(2, Exits.code(unreachableExit));
        assertTrue(unreachable.messagesLog().contains("no SMTP connection to 127.0.0.1:"), unreachable.messagesLog());
    }
}
