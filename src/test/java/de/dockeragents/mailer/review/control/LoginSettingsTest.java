package de.dockeragents.mailer.review.control;

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
import de.dockeragents.mailer.review.entity.Role;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginSettingsTest {

    @Test
    void theDefaultsThrottleAndTheSecretsDefineTheFirstAdminAndTheOldSharedLogin() throws IOException {
        Config config =
                config(Map.of("review.admin.password", "geheimes-admin-passwort", "review.admin.user", "Chefin"));
        ConfigProblems c = new ConfigProblems(config);
        LoginSettings s = LoginSettings.read(c, config);
        assertEquals(List.of(), c.problems());
        assertEquals(5, s.maxFailures());
        assertEquals(30, s.maxFailuresPerAddress());
        assertEquals(Duration.ofMinutes(15), s.lockout());
        assertEquals(10, s.minPasswordLength());
        assertEquals(Duration.ofHours(8), s.maxAge());
        assertEquals(Duration.ofMinutes(30), s.idle());
        LoginSettings.ConfiguredAccount admin = s.accounts().get(0);
        assertEquals("chefin", admin.name());
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(admin.hasPassword());
        assertFalse(admin.toString().contains("geheim"), admin.toString());
        LoginSettings.ConfiguredAccount staff = s.accounts().get(1);
        assertEquals("staff", staff.name());
        assertFalse(staff.hasPassword());
    }

    @Test
    void badValuesNameTheirKeys() throws IOException {
        Config config = config(Map.of(
                "mailer.review.login.max-failures", "0",
                "mailer.review.password.min-length", "6",
                "review.staff.user", "Anna Schmidt",
                "review.login.expiration", "forever"));
        ConfigProblems c = new ConfigProblems(config);
        LoginSettings.read(c, config);
        String problems = String.join("\n", c.problems());
        for (String key : List.of(
                "mailer.review.login.max-failures",
                "mailer.review.password.min-length",
                "review.staff.user",
                "review.login.expiration")) {
            assertTrue(problems.contains(key), key + " in " + problems);
        }
    }

    @Test
    void theAdminAndTheStaffLoginMustDiffer() throws IOException {
        Config config = config(Map.of("review.staff.user", "admin"));
        ConfigProblems c = new ConfigProblems(config);
        LoginSettings.read(c, config);
        assertEquals(List.of("review.admin.user and review.staff.user must be different names"), c.problems());
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LoginSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
