package de.dockeragents.mailer.inbox.control;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxSettingsTest {

    @Test
    void idleIsUsedWhereTheServerHasItAndRenewedBeforeGmailEndsIt() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of()));
        InboxSettings s = InboxSettings.read(c);
        assertEquals(List.of(), c.problems());
        assertEquals(InboxSettings.Idle.AUTO, s.idle());
        assertEquals(Duration.ofMinutes(25), s.idleRenew());
        assertEquals(Duration.ofSeconds(60), s.pollInterval(), "the poll stays as the safety net");
    }

    @Test
    void idleCanBeSwitchedOff() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of("mailer.imap.idle", "off")));
        assertEquals(InboxSettings.Idle.OFF, InboxSettings.read(c).idle());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void badValuesAreNamedByTheirKeys() throws IOException {
        ConfigProblems c =
                new ConfigProblems(config(Map.of("mailer.imap.idle", "sometimes", "mailer.imap.idle-renew", "30m")));
        InboxSettings.read(c);
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertTrue(
                c.problems().get(0).startsWith("mailer.imap.idle must be one of"),
                c.problems().toString());
        assertTrue(
                c.problems().get(1).startsWith("mailer.imap.idle-renew must be between"),
                c.problems().toString());
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = InboxSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
