package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.OllamaStandIn;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.triage.control.SafetyCorpus.Figures;
import de.dockeragents.mailer.triage.control.SafetyCorpus.Judged;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Floors for the safety rules on the labelled corpus (every raw .eml through the real parser, the
 * rules alone): recall at least 0.95 and precision at least 0.90 per profile, and per MIME form, so
 * an HTML-only or base64 emergency is found like a plain one. Then the same mails with a hostile or
 * wrong model: nothing the model says lowers what the rules found. Figures: {@code ./mvnw -Psafety-bench}.
 */
class SafetyCorpusTest {

    static final double MIN_RECALL = 0.95;
    /** Chosen below the measured 0.99 so that a list change that costs a few look-alikes shows. */
    static final double MIN_PRECISION = 0.90;

    /** Each profile's corpus is judged once and shared by both tests (it takes seconds). */
    static final Map<String, List<Judged>> JUDGED = new java.util.concurrent.ConcurrentHashMap<>();

    static List<SafetyCorpus.Profile> profiles() {
        return SafetyCorpus.PROFILES;
    }

    static List<Judged> judged(SafetyCorpus.Profile profile) {
        return JUDGED.computeIfAbsent(profile.name(), k -> SafetyCorpus.judge(profile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void recallAndPrecisionOfTheRulesAlone(SafetyCorpus.Profile profile) {
        List<Judged> judged = judged(profile);
        Figures all = Figures.of(judged);
        assertTrue(all.positives() >= (profile.name().equals("praxis") ? 150 : 50), "corpus size " + all);
        assertTrue(all.negatives() >= (profile.name().equals("praxis") ? 150 : 50), "corpus size " + all);
        String misses = judged.stream()
                .filter(j -> j.positive() != j.found())
                .map(j -> j.file() + " " + j.why())
                .collect(Collectors.joining("\n  "));
        assertTrue(all.recall() >= MIN_RECALL, profile.name() + ": " + all + "\n  " + misses);
        assertTrue(all.precision() >= MIN_PRECISION, profile.name() + ": " + all + "\n  " + misses);
        for (Map.Entry<String, Figures> form : SafetyCorpus.byForm(judged).entrySet()) {
            assertTrue(
                    form.getValue().recall() >= MIN_RECALL,
                    profile.name() + " " + form.getKey() + ": " + form.getValue());
        }
    }

    /** The rules a decision recorded, without the spam confirmation (which depends on what the model proposed). */
    static List<String> safetyRules(Decision d) {
        return d.safetyRules().stream().filter(r -> !r.startsWith("confirm-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void whateverTheModelSaysItNeverLowersWhatTheRulesFound(SafetyCorpus.Profile profile) {
        Classifier classifier = new Classifier(TriageRules.load(profile.name()));
        // a compromised model inside the schema (other, low, no reply) and one outside it; the model down is judge()'s
        // own case
        List<ChatReply> answers = List.of(
                ChatReply.answered(Mails.envelope(OllamaStandIn.COMPROMISED_IN_SCHEMA)),
                ChatReply.answered(Mails.envelope(OllamaStandIn.COMPROMISED_ANSWER)));
        int found = 0;
        for (Judged j : judged(profile)) {
            for (ChatReply answer : answers) {
                Decision d = classifier.decide(j.mail(), answer, Duration.ZERO);
                assertEquals(
                        safetyRules(j.decision()),
                        safetyRules(d),
                        j.file() + ": the safety rules do not depend on the model");
                if (j.found()) {
                    assertEquals(profile.category(), d.verdict().category(), j.file());
                    assertEquals(Priority.URGENT, d.verdict().priority(), j.file());
                }
            }
            // decided before the model exactly when the rules alone make it an urgent safety case
            assertEquals(j.found(), classifier.beforeModel(j.mail()).isPresent(), j.file());
            found += j.found() ? 1 : 0;
        }
        assertTrue(found > 0);
    }
}
