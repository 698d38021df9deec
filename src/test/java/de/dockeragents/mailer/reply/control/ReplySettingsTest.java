package de.dockeragents.mailer.reply.control;

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

class ReplySettingsTest {

    @Test
    void theShippedDefaultsPlanWithALeaseLongerThanAnyDraftRequestAndNoDraftsFolder() throws IOException {
        Config config = config(Map.of());
        ConfigProblems c = new ConfigProblems(config);
        ReplySettings s = ReplySettings.read(c, config);
        assertEquals(List.of(), c.problems());
        assertEquals(Duration.ofSeconds(60), s.sweepInterval());
        assertEquals(Duration.ofMinutes(2), s.replanAfter());
        assertEquals(Duration.ofMinutes(10), s.planLease());
        // 3 attempts of 60 s, 2 pauses of up to 0.9 s, plus 30 s
        assertEquals(Duration.ofMillis(211_800), ReplySettings.modelWorstCase(config));
        assertEquals("none", s.draftsFolder());
        assertFalse(s.draftsFolderEnabled());
    }

    @Test
    void aLeaseShorterThanTheModelsWorstCaseIsRefusedAndEmptyMeansNoDraftsFolder() throws IOException {
        Config config = config(Map.of("mailer.reply.plan-lease", "2m", "mailer.reply.drafts-folder", " "));
        ConfigProblems c = new ConfigProblems(config);
        ReplySettings s = ReplySettings.read(c, config);
        assertTrue(
                c.problems().stream().anyMatch(p -> p.contains("mailer.reply.plan-lease")),
                c.problems().toString());
        assertFalse(s.draftsFolderEnabled());

        Config auto = config(Map.of("mailer.reply.drafts-folder", "auto"));
        assertTrue(ReplySettings.read(new ConfigProblems(auto), auto).draftsFolderEnabled());
    }

    @Test
    void theModelWritesDraftsOnlyWhileTriageMayAskItAtAll() throws IOException {
        assertTrue(read(Map.of()).aiDrafts());
        assertFalse(read(Map.of("mailer.reply.ai-drafts", "false")).aiDrafts());
        assertFalse(
                read(Map.of("mailer.triage.ai-enabled", "false")).aiDrafts(), "ai-enabled=false: no request at all");
        assertFalse(read(Map.of("mailer.triage.ai-enabled", "false", "mailer.reply.ai-drafts", "true"))
                .aiDrafts());
    }

    static ReplySettings read(Map<String, String> overrides) throws IOException {
        Config config = config(overrides);
        return ReplySettings.read(new ConfigProblems(config), config);
    }

    @Test
    void theDraftsCopyThreadsInGmailByItsSubject() {
        assertEquals("Re: Termin", DraftCopy.subject(draft("Termin")));
        assertEquals("RE: Termin", DraftCopy.subject(draft("RE: Termin")));
        assertEquals("Re: a b", DraftCopy.subject(draft("a\r\n\tb")));
        assertEquals("Eingangsbestätigung", DraftCopy.subject(draft(null)));
    }

    static ReplyStore.Draft draft(String originalSubject) {
        return new ReplyStore.Draft(
                1, "p@example.org", "Eingangsbestätigung", "Text", "<r@x>", "<o@x>", "<o@x>", originalSubject);
    }

    static Config config(Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReplySettingsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        values.put("mailer.imap.user", "praxis@example.org");
        values.putAll(overrides);
        return MapConfig.of(values);
    }
}
