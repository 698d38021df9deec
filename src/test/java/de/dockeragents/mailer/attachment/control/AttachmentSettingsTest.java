package de.dockeragents.mailer.attachment.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.platform.control.ConfigProblems;
import de.dockeragents.mailer.testing.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttachmentSettingsTest {

    @Test
    void theShippedDefaultsAreValid() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of()));
        AttachmentSettings s = AttachmentSettings.read(c);
        assertEquals(List.of(), c.problems());
        assertEquals(Path.of("/app/data/attachments"), s.root());
        assertEquals(50L * 1024 * 1024, s.maxSize());
        assertEquals(EnumSet.of(FileType.PDF, FileType.PNG, FileType.JPG, FileType.DOCX, FileType.XLSX), s.allowed());
        assertEquals(Duration.ofSeconds(30), s.clamdConnectTimeout());
        assertEquals(Duration.ofSeconds(30), s.clamdReadTimeout());
        assertEquals(Duration.ofDays(30), s.retention());
        assertEquals(LocalTime.of(2, 0), s.cleanupAt());
        assertNull(s.archive());
    }

    @Test
    void mistakesAreReportedByKey() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of(
                "mailer.attachment.allowed-types", "pdf,exe",
                "mailer.attachment.quarantine", "/app/data/attachments/quarantine",
                "mailer.attachment.clamd.stream-max-length", "1000",
                "mailer.attachment.cleanup-at", "2am",
                "mailer.attachment.archive.enabled", "true")));
        AttachmentSettings.read(c);
        String all = String.join("\n", c.problems());
        assertTrue(all.contains("mailer.attachment.allowed-types names an unknown type 'exe'"), all);
        assertTrue(all.contains("must be separate directories"), all);
        assertTrue(all.contains("mailer.attachment.clamd.stream-max-length (1000) must be at least"), all);
        assertTrue(all.contains("mailer.attachment.cleanup-at must be a time of day"), all);
        assertTrue(all.contains("mailer.attachment.archive.access-key is required"), all);
        assertTrue(all.contains("mailer.attachment.archive.secret-key is required"), all);
    }

    @Test
    void theArchiveIsReadWhenEnabled() throws IOException {
        ConfigProblems c = new ConfigProblems(config(Map.of(
                "mailer.attachment.archive.enabled",
                "true",
                "mailer.attachment.archive.access-key",
                "user",
                "mailer.attachment.archive.secret-key",
                "secret")));
        ArchiveSettings a = AttachmentSettings.read(c).archive();
        assertEquals(List.of(), c.problems());
        assertEquals("AES256", a.sse());
        assertEquals("email-attachments", a.bucket());
        assertTrue(!a.toString().contains("secret"), "keys never printed");
    }

    /** The shipped microprofile-config.properties with overrides, as MP Config would present them. */
    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                AttachmentSettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
