package de.dockeragents.mailer.platform.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigProblemsTest {

    static ConfigProblems of(Map<String, String> values) {
        return new ConfigProblems(MapConfig.of(values));
    }

    @Test
    void everyProblemNamesItsKeyAndNoValueOfASecret() {
        ConfigProblems c = of(Map.of(
                "mailer.poll.interval",
                "often",
                "mailer.poll.batch-size",
                "0",
                "mailer.imap.security",
                "tls",
                "mailer.imap.password",
                " "));
        c.duration("mailer.poll.interval", Duration.ofSeconds(1), Duration.ofHours(1));
        c.integer("mailer.poll.batch-size", 1, 100);
        c.choice("mailer.imap.security", ImapSettings.Security.class);
        c.required("mailer.imap.password");
        c.required("mailer.imap.user");
        List<String> p = c.problems();
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("mailer.poll.interval is not a duration"));
        assertTrue(p.get(1).startsWith("mailer.poll.batch-size must be between 1 and 100"));
        assertTrue(p.get(2).equals("mailer.imap.security must be one of ssl, starttls, plain (was 'tls')"));
        assertTrue(p.get(3).startsWith("mailer.imap.password is required"));
        assertTrue(p.get(4).contains("MAILER_IMAP_USER_FILE"), "tells how to set it");
    }

    @Test
    void goodValuesAreReadWithoutProblems() {
        ConfigProblems c = of(Map.of("d", "90s", "n", "7", "e", "STARTTLS", "b", "1048576"));
        assertEquals(Duration.ofSeconds(90), c.duration("d", Duration.ofSeconds(1), Duration.ofHours(1)));
        assertEquals(7, c.integer("n", 1, 10));
        assertEquals(ImapSettings.Security.STARTTLS, c.choice("e", ImapSettings.Security.class));
        assertEquals(1_048_576L, c.bytes("b", 1, Long.MAX_VALUE));
        assertTrue(c.problems().isEmpty());
    }

    @Test
    void moveNeedsAFolderOtherThanTheOneItReads() {
        ConfigProblems c = of(Map.ofEntries(
                Map.entry("mailer.imap.host", "imap.gmail.com"),
                Map.entry("mailer.imap.port", "993"),
                Map.entry("mailer.imap.security", "ssl"),
                Map.entry("mailer.imap.user", "u"),
                Map.entry("mailer.imap.password", "p"),
                Map.entry("mailer.imap.auth", "password"),
                Map.entry("mailer.imap.folder", "INBOX"),
                Map.entry("mailer.imap.after-store", "move"),
                Map.entry("mailer.imap.move-to", "inbox"),
                Map.entry("mailer.imap.timeout", "30s"),
                Map.entry("mailer.imap.gmail", "auto"),
                Map.entry("mailer.poll.interval", "60s"),
                Map.entry("mailer.poll.batch-size", "50"),
                Map.entry("mailer.poll.batch-bytes", "16777216"),
                Map.entry("mailer.poll.max-message-size", "26214400"),
                Map.entry("mailer.imap.initial-import", "none")));
        ImapSettings s = ImapSettings.read(c, () -> {
            throw new AssertionError("no tokens with passwords");
        });
        assertTrue(s.gmail(), "Gmail is recognised by its host");
        assertEquals(
                List.of("mailer.imap.move-to must differ from mailer.imap.folder when mailer.imap.after-store=move"),
                c.problems());
        assertTrue(!s.toString().contains("p]") && !s.toString().contains("password"), s.toString());
    }
}
