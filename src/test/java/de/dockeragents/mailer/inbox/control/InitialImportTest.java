package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitialImportTest {

    @Test
    void theThreeChoicesAreReadAndWrittenBackAsConfigured() {
        assertEquals(InitialImport.NONE, InitialImport.parse("none"));
        assertEquals(InitialImport.ALL, InitialImport.parse(" ALL "));
        InitialImport since = InitialImport.parse("since:14d");
        assertEquals(InitialImport.Kind.SINCE, since.kind());
        assertEquals(Duration.ofDays(14), since.since());
        assertEquals("since:14d", since.wire());
        assertEquals("since:36h", InitialImport.parse("Since:36h").wire());
        assertEquals("since:90s", InitialImport.parse("since:90s").wire());
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), since.sinceInstant(at));
        assertNull(InitialImport.ALL.sinceInstant(at));
        assertNull(InitialImport.NONE.sinceInstant(at));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : List.of("", "some", "since:", "since:0d", "since:14x", "since 14d", "14d", "all,none")) {
            assertThrows(IllegalArgumentException.class, () -> InitialImport.parse(bad), bad);
        }
    }

    @Test
    void aBadValueIsAConfigurationErrorNamingTheKey() {
        ConfigProblems c = new ConfigProblems(MapConfig.of(Map.of(InitialImport.KEY, "recent")));
        assertEquals(InitialImport.NONE, InboxSettings.initialImport(c));
        assertEquals(
                List.of("mailer.imap.initial-import must be none, since:<duration> (e.g. since:14d) or all"
                        + " (was 'recent')"),
                c.problems());

        ConfigProblems unset = new ConfigProblems(MapConfig.of(Map.of()));
        InboxSettings.initialImport(unset);
        assertTrue(
                unset.problems().get(0).startsWith("mailer.imap.initial-import is required"),
                unset.problems().toString());

        ConfigProblems good = new ConfigProblems(MapConfig.of(Map.of(InitialImport.KEY, "since:7d")));
        assertEquals("since:7d", InboxSettings.initialImport(good).wire());
        assertTrue(good.problems().isEmpty());
    }
}
