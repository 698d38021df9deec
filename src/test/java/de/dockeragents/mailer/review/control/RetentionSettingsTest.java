package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionSettingsTest {

    static RetentionSettings read(Map<String, String> values, ConfigProblems[] problems) throws IOException {
        ConfigProblems c = new ConfigProblems(LoginSettingsTest.config(values));
        problems[0] = c;
        return RetentionSettings.read(c);
    }

    @Test
    void byDefaultMailIsKeptAndTheRunIsAtHalfPastThree() throws IOException {
        ConfigProblems[] c = new ConfigProblems[1];
        RetentionSettings s = read(Map.of(), c);
        assertEquals(List.of(), c[0].problems());
        assertEquals(Optional.empty(), s.mailAge());
        assertEquals(LocalTime.of(3, 30), s.at());
    }

    @Test
    void anAgeOfDaysIsTaken() throws IOException {
        ConfigProblems[] c = new ConfigProblems[1];
        RetentionSettings s = read(Map.of("mailer.retention.mail", "3650d", "mailer.retention.at", "01:15"), c);
        assertEquals(List.of(), c[0].problems());
        assertEquals(Optional.of(Duration.ofDays(3650)), s.mailAge());
        assertEquals(LocalTime.of(1, 15), s.at());
    }

    @Test
    void badValuesAreNamedAtStart() throws IOException {
        for (String bad : List.of("10", "forever", "2h", "-5d")) {
            ConfigProblems[] c = new ConfigProblems[1];
            read(Map.of("mailer.retention.mail", bad), c);
            assertEquals(1, c[0].problems().size(), bad + ": " + c[0].problems());
            assertTrue(
                    c[0].problems().get(0).startsWith("mailer.retention.mail"),
                    c[0].problems().toString());
        }
        ConfigProblems[] c = new ConfigProblems[1];
        read(Map.of("mailer.retention.at", "halb vier"), c);
        assertEquals(List.of("mailer.retention.at is not a time of day like 03:30 (was 'halb vier')"), c[0].problems());
    }
}
