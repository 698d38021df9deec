package it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.DevStack;
import dev.Waits;
import it.support.Db;
import it.support.ItStack;
import it.support.Mails;
import it.support.StartLog;

/**
 * The logs never carry a mail's addresses, its body or a secret; the console log is JSON; and a
 * healthy start logs nothing that looks like a warning or an error.
 * Runs after the other test classes, so it reads the logs of everything they did.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneIT {

    /**
     * What a healthy start may print that looks like a warning, each with why it is not ours to fix.
     * An operator reading the start must be able to take every other warning seriously.
     */
    static final Map<String, String> ALLOWED_AT_START = Map.of(
            "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended",
            "HotSpot only (tests, ./mvnw -Prun): Liberty's java agent extends the boot class path, so CDS covers"
                    + " boot classes only; the image's OpenJ9 does not print it",
            "UIDVALIDITY of INBOX changed to",
            "only when the tests run again: they keep their database (target/it) but start a new mail server,"
                    + " whose folder has a new UIDVALIDITY; right there, and never on a restart against the same mailbox");

    @Test
    void aHealthyStartLogsNoWarningsOrErrors() {
        // captured when the shared stack started: independent of which test class came first
        StartLog start = ItStack.startLog();
        assertTrue(start.lines().stream().anyMatch(l -> l.contains("CWWKF0011I")), "the capture holds the start");
        List<String> found = start.warningsAndErrors().stream()
                .filter(line -> ALLOWED_AT_START.keySet().stream().noneMatch(line::contains)).toList();
        assertEquals(List.of(), found, "warnings or errors on a healthy start");
    }

    @Test
    void logsHoldNoAddressesBodiesOrSecrets() throws IOException {
        DevStack stack = ItStack.get();
        String subject = Mails.unique("Vertraulich");
        String body = "Diagnose: streng vertraulich " + subject;
        Mails.send(stack.mail().smtpPort(), Mails.plain("Geheim Person <geheim.person@privat.example>", subject, body));
        // a broken one too: failures are where careless logging usually happens
        Mails.sendRaw(stack.mail().smtpPort(), ("From: kaputt.person@privat.example\r\nSubject: " + subject
                + " kaputt\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@ not base64 !!!\r\n").getBytes(StandardCharsets.US_ASCII));
        Db db = new Db(stack);
        Waits.until(Duration.ofSeconds(30), "both stored, one of them raw only",
                () -> db.count("select count(*) from mail_raw r where position(? in convert_from(r.raw, 'UTF8')) > 0",
                        subject) == 2);

        List<Path> logs = stack.liberty().logFiles();
        assertFalse(logs.isEmpty());
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : List.of("privat.example", "Diagnose", "patient.example", "burst.example",
                    "outage.example", "evil.example", DevStack.PASSWORD, DevStack.DB_PASSWORD,
                    DevStack.REVIEW_ADMIN_PASSWORD, DevStack.REVIEW_STAFF_PASSWORD)) {
                assertFalse(text.contains(secret), log.getFileName() + " contains '" + secret + "'");
            }
        }
        Path console = logs.stream().filter(p -> p.getFileName().toString().endsWith("-console.log")).findFirst().orElseThrow();
        long jsonLines = Files.readAllLines(console, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{\"type\":\"liberty_message\"")).count();
        assertTrue(jsonLines > 10, "the console log is Liberty's JSON format");
    }
}
