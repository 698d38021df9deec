package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import de.dockeragents.mailer.triage.control.TriageRules.SafetyRule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safety lists as data: every rule's examples make it fire and its counter-examples do not, in
 * both profiles, so each rule documents and proves what it catches and what it leaves alone.
 */
class SafetyListTest {

    static Stream<Arguments> rules() {
        List<Arguments> out = new ArrayList<>();
        for (String profile : List.of("praxis", "ecom")) {
            for (SafetyRule r : TriageRules.load(profile).safetyRules()) {
                out.add(Arguments.of(profile, r.id(), r));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rules")
    void examplesFireAndCounterExamplesDoNot(String profile, String id, SafetyRule rule) {
        assertFalse(rule.examples().isEmpty(), id + " has examples");
        assertFalse(rule.why().isBlank(), id + " says why");
        for (String e : rule.examples()) {
            assertTrue(rule.match().firesIn(Tokens.of("", e)), id + " should fire on: " + e);
        }
        for (String c : rule.counterExamples()) {
            assertFalse(
                    rule.match().firesIn(Tokens.of("", c)),
                    id + " should not fire on: " + c + " (fired by "
                            + rule.match()
                                    .first(Tokens.of("", c))
                                    .map(SafetyMatch.Hit::term)
                                    .orElse("") + ")");
        }
    }

    @Test
    void everyEmergencyRuleOfThePracticeMakesTheMailAnUrgentEmergency() {
        for (SafetyRule r : TriageRules.load("praxis").safetyRules()) {
            if (!r.id().equals("urgent-care")) {
                assertTrue(
                        "emergency".equals(r.category())
                                && r.priority() == de.dockeragents.mailer.triage.entity.Priority.URGENT
                                && Boolean.TRUE.equals(r.needsReply()),
                        r.id());
            }
        }
    }

    @Test
    void aTypoInTheListStopsTheStartInsteadOfWeakeningARule() {
        var categories = java.util.Set.of("emergency");
        assertThrows(
                IllegalArgumentException.class,
                () -> SafetyList.load("profiles/test-broken/", "unknown-key.json", categories));
    }
}
