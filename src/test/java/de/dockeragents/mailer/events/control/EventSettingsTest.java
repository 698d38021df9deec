package de.dockeragents.mailer.events.control;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSettingsTest {

    private static final String SECRET = "0123456789abcdef0123";

    @Test
    void offByDefault() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of()));
        EventSettings s = EventSettings.read(c, config(Map.of()), "praxis");
        assertEquals(List.of(), c.problems());
        assertFalse(s.enabled());
        assertFalse(s.includeContent());
        assertEquals(10, s.maxAttempts());
        assertEquals(Duration.ofSeconds(30), s.lease());
    }

    @Test
    void aUrlWithASecretSwitchesThemOn() throws IOException {
        Config config =
                config(Map.of("mailer.events.url", "http://n8n:5678/webhook/mailer", "mailer.events.secret", SECRET));
        ConfigProblems c = new ConfigProblems(config);
        EventSettings s = EventSettings.read(c, config, "praxis");
        assertEquals(List.of(), c.problems());
        assertTrue(s.enabled());
        assertEquals("http://n8n:5678", s.target());
        assertFalse(s.toString().contains(SECRET), s.toString());
    }

    @Test
    void mistakesAreReportedByKeyWithoutTheirValues() throws IOException {
        Config config = config(Map.of(
                "mailer.events.url", "ftp://user:token@n8n/hook",
                "mailer.events.include-content", "yes",
                "mailer.events.backoff", "1h",
                "mailer.events.backoff-max", "1m"));
        ConfigProblems c = new ConfigProblems(config);
        EventSettings.read(c, config, "praxis");
        String all = String.join("\n", c.problems());
        assertTrue(all.contains("mailer.events.url must be an http:// or https:// URL"), all);
        assertFalse(all.contains("token"), all);
        assertTrue(all.contains("mailer.events.secret is required"), all);
        assertTrue(all.contains("mailer.events.include-content must be true or false"), all);
        assertTrue(all.contains("mailer.events.backoff-max must not be shorter"), all);
    }

    @Test
    void aShortSecretIsRefused() throws IOException {
        Config config = config(Map.of("mailer.events.url", "https://hooks.example/x", "mailer.events.secret", "short"));
        ConfigProblems c = new ConfigProblems(config);
        EventSettings.read(c, config, "praxis");
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).startsWith("mailer.events.secret must have at least 16 characters"));
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = EventSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
