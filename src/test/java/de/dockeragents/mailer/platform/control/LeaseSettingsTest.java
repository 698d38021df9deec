package de.dockeragents.mailer.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseSettingsTest {

    @Test
    void aStandbyTakesOverWithinThirtySecondsByDefaultAndTheInstanceIsNamedByItsHost() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of()));
        LeaseSettings s = LeaseSettings.read(c);
        assertEquals(List.of(), c.problems());
        assertEquals(Duration.ofSeconds(20), s.ttl());
        assertEquals(Duration.ofSeconds(5), s.renewEvery());
        assertTrue(
                s.ttl().plus(s.renewEvery()).compareTo(Duration.ofSeconds(30)) <= 0,
                "the lease runs out, and the standby's next renewal takes it, within 30 s");
        assertFalse(s.instance().isBlank());
        assertFalse("auto".equals(s.instance()), "auto stands for the host name");
    }

    @Test
    void anInstanceIdAndALeaseTimeOfOnesOwn() throws IOException {
        ConfigProblems c =
                new ConfigProblems(config(Map.of("mailer.instance.id", "praxis-2", "mailer.lease.ttl", "8s")));
        LeaseSettings s = LeaseSettings.read(c);
        assertEquals(List.of(), c.problems());
        assertEquals("praxis-2", s.instance());
        assertEquals(Duration.ofSeconds(2), s.renewEvery());
    }

    @Test
    void badValuesAreNamedByTheirKeys() throws IOException {
        ConfigProblems c =
                new ConfigProblems(config(Map.of("mailer.instance.id", "praxis 2/ä", "mailer.lease.ttl", "1s")));
        LeaseSettings.read(c);
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertTrue(
                c.problems().get(0).startsWith("mailer.instance.id must be auto or"),
                c.problems().toString());
        assertTrue(
                c.problems().get(1).startsWith("mailer.lease.ttl must be between"),
                c.problems().toString());
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LeaseSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
