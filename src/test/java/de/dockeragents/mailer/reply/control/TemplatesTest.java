package de.dockeragents.mailer.reply.control;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.dockeragents.mailer.reply.entity.ReplyPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"praxis", "ecom"})
    void everyPolicyHasItsTemplateInGermanAndEnglish(String profile) {
        ReplyRules rules = ReplyRules.load(profile);
        Templates t = new Templates(profile);
        rules.policies().values().stream()
                .filter(p -> p.policy() != ReplyPolicy.NONE)
                .forEach(p -> {
                    for (String lang : new String[] {"de", "en"}) {
                        var r = t.render(
                                p.template(),
                                lang,
                                Map.of(
                                        "business",
                                        Map.of("name", "X"),
                                        "reference",
                                        "M1",
                                        "originalSubject",
                                        "S",
                                        "receivedDate",
                                        "1.1.2026"));
                        assertFalse(r.subject().isBlank());
                        assertTrue(r.body().contains("M1"), p.template() + "." + lang);
                        assertFalse(r.body().contains("{{"), p.template() + "." + lang);
                    }
                });
    }

    @Test
    void valuesAreTextNeverTemplatesNorHtmlEscaped() {
        var r = new Templates("praxis")
                .render(
                        "acknowledgement",
                        "de",
                        Map.of(
                                "business",
                                Map.of("name", "Dr. A & B"),
                                "reference",
                                "M1",
                                "originalSubject",
                                "{{business.name}} <b>",
                                "receivedDate",
                                "1.1.2026"));
        assertEquals("Eingangsbestätigung: {{business.name}} <b>", r.subject());
        assertTrue(r.body().contains("Dr. A & B"));
    }

    @Test
    void emptySlotsLeaveNoEmptyPhrases() {
        var r = new Templates("praxis")
                .render(
                        "results-by-phone",
                        "de",
                        Map.of("business", Map.of("name", "P"), "reference", "M1", "originalSubject", "S"));
        assertFalse(r.body().contains("()"), r.body());
    }

    @Test
    void unknownTemplatesAndPathTricksAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Templates("praxis").render("../../ecom/templates/x", "de", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Templates("praxis").render("nope", "de", Map.of()));
    }
}
