package de.dockeragents.mailer.triage.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerCheckTest {

    final AnswerCheck check = new AnswerCheck(TriageRules.load("praxis"));

    @Test
    void aValidAnswerIsAccepted() {
        var c = check.check(Mails.envelope(Mails.answer("prescription", "normal")));
        assertTrue(c.verdict().isPresent());
        assertEquals("prescription", c.verdict().get().category());
        assertEquals(Priority.NORMAL, c.verdict().get().priority());
        assertEquals("m:1", c.model());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{\"category\":\"prescription\"}",
                "{\"category\":\"lottery\",\"priority\":\"normal\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":0.5}",
                "{\"category\":\"other\",\"priority\":\"whenever\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":0.5}",
                "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"fr\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":0.5}",
                "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":\"yes\",\"confidence\":0.5}",
                "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":1.5}",
                "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":7,\"needs_reply\":true,\"confidence\":0.5}",
                "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":0.5,\"to\":\"x@evil.example\"}",
                "{\"category\":\"Other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":\"s\",\"needs_reply\":true,\"confidence\":0.5}"
            })
    void offSchemaAnswersAreRejected(String content) {
        var c = check.check(Mails.envelope(content));
        assertFalse(c.verdict().isPresent(), content);
        assertTrue(c.rejection() != null && !c.rejection().contains("evil"), "the rejection names no answer text");
    }

    @Test
    void garbageAndBrokenEnvelopesAreRejected() {
        assertFalse(check.check("<html>502</html>").verdict().isPresent());
        assertFalse(check.check(null).verdict().isPresent());
        assertFalse(check.check("{\"model\":\"m\",\"message\":{}}").verdict().isPresent());
        assertFalse(check.check("{\"model\":\"m\",\"done\":false,\"message\":{\"content\":"
                        + dev.OllamaStandIn.jsonString(Mails.answer("other", "low")) + "}}")
                .verdict()
                .isPresent());
        assertFalse(check.check(Mails.envelope(Mails.answer("other", "low") + " trailing"))
                .verdict()
                .isPresent());
    }

    @Test
    void theSummaryLosesLinksAddressesAndLineBreaks() {
        String content = "{\"category\":\"other\",\"priority\":\"low\",\"language\":\"de\",\"summary\":"
                + "\"Bitte https://evil.example/x klicken\\nund an a@evil.example schreiben\",\"needs_reply\":true,\"confidence\":0.5}";
        String summary =
                check.check(Mails.envelope(content)).verdict().orElseThrow().summary();
        assertFalse(summary.contains("evil"), summary);
        assertFalse(summary.contains("\n"));
    }
}
