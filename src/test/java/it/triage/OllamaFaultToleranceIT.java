package it.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.OllamaStandIn;
import dev.Waits;
import it.support.ItStack;
import it.support.Mails;
import it.support.TriageStack;
import it.support.Triaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault Tolerance around the Ollama client, proven against the running server and the stand-in:
 * a real deadline, a bulkhead that Ollama's slots bound, a breaker that opens and closes, and
 * re-classification once the model answers again.
 */
class OllamaFaultToleranceIT extends TriageStack {

    @Test
    void aHangingModelIsAbandonedAtTheDeadlineAndTheRulesDecide() {
        triaged.healthyAndSettled(ollama);
        ollama.mode(OllamaStandIn.Mode.HANG);
        String subject = Mails.unique("Haengt Rezept");
        triaged.send(Triaged.sender("hang"), subject, "Ich brauche ein Folgerezept für meine Tabletten.");

        Waits.until(Duration.ofSeconds(60), "the mail is stored", () -> triaged.mailId(subject) != null);
        Instant stored = Instant.now();
        Map<String, Object> c = triaged.awaitClassification(subject, Duration.ofSeconds(60));
        Duration took = Duration.between(stored, Instant.now());

        assertEquals("rules", c.get("classified_by"));
        assertEquals("timeout", c.get("ai_outcome"));
        assertEquals("prescription", c.get("category"), "the rules' keyword decides");
        Duration limit = ItStack.OLLAMA_TIMEOUT.plusSeconds(2);
        assertTrue(
                took.compareTo(limit) <= 0,
                "classified " + took.toMillis() + " ms after it was stored, limit " + limit);
        assertTrue(((Number) c.get("duration_ms")).longValue() <= limit.toMillis(), "recorded " + c.get("duration_ms"));
    }

    @Test
    void theBulkheadLetsNoMoreRequestsReachOllamaThanItHasSlots() {
        triaged.healthyAndSettled(ollama);
        ollama.latency(Duration.ofMillis(300)).resetCounters();
        List<String> subjects = burst("Schwall", "burst", 24, "Frage zu meiner Rechnung Nummer");
        Waits.until(
                Duration.ofSeconds(180),
                "all 24 classified",
                () -> subjects.stream().allMatch(s -> triaged.classification(s) != null));
        atMostTheSlotsAtOnce();
        assertTrue(ollama.maxConcurrent() >= 1);
        assertTrue(ollama.requests() >= 24);
        for (String s : subjects) {
            assertEquals(
                    "ai",
                    triaged.classification(s).get("classified_by"),
                    s + ": the queue waits, nothing is turned away");
        }
    }

    @Test
    void aiDraftsWaitInTheModelsQueueAndNeverTakeAClassificationsPlace() {
        triaged.healthyAndSettled(ollama);
        String appointment = "{\"category\":\"appointment_new\",\"priority\":\"normal\",\"language\":\"de\","
                + "\"summary\":\"Terminwunsch\",\"needs_reply\":true,\"confidence\":0.9}";
        ollama.answerFor(request -> request.contains("\"format\"")
                        ? appointment
                        : "Guten Tag, gern schlagen wir Ihnen einen Termin am Mittwoch um 9 Uhr vor. Viele Grüße")
                .latency(Duration.ofMillis(300))
                .resetCounters();
        List<String> subjects = burst("Terminwelle", "welle", 12, "Ich hätte gern einen neuen Termin.");
        // each mail asks twice (classification, then its AI draft) while the bulkhead has room for four requests
        Waits.until(
                Duration.ofSeconds(180),
                "all 12 answered with a draft",
                () -> subjects.stream().allMatch(s -> triaged.replies(s).size() == 1));
        for (String s : subjects) {
            Map<String, Object> c = triaged.classification(s);
            assertEquals("ai", c.get("classified_by"), s + ": no classification turned away for a draft");
            assertEquals("ok", c.get("ai_outcome"), s);
            assertEquals("ai_draft", triaged.replies(s).get(0).get("kind"), s + ": no draft turned away either");
        }
        atMostTheSlotsAtOnce();
        assertTrue(ollama.requests() >= 24, "classifications and drafts: " + ollama.requests());
    }

    @Test
    void theBreakerOpensOnPersistentErrorsAndClosesAfterRecovery() {
        triaged.healthyAndSettled(ollama);
        ollama.mode(OllamaStandIn.Mode.ERROR).status(500);
        List<String> subjects = burst("Kaputt 500", "err", 6, "Bitte um einen neuen Termin");
        Waits.until(
                Duration.ofSeconds(120),
                "all classified by the rules",
                () -> subjects.stream().allMatch(s -> triaged.classification(s) != null));
        List<String> outcomes = subjects.stream()
                .map(s -> (String) triaged.classification(s).get("ai_outcome"))
                .toList();
        assertTrue(outcomes.contains("breaker_open"), "the breaker opened: " + outcomes);
        // never bulkhead_full: the rules' verdicts plan AI drafts, whose requests (failing, with retries) wait in
        // the model's one queue behind the classifications
        assertTrue(outcomes.stream().allMatch(o -> o.equals("error") || o.equals("breaker_open")), outcomes.toString());
        for (String s : subjects) {
            Map<String, Object> c = triaged.classification(s);
            assertEquals("rules", c.get("classified_by"));
            assertTrue(Triaged.CATEGORIES.contains((String) c.get("category")));
        }

        ollama.mode(OllamaStandIn.Mode.OK);
        String recovered = Waits.until(
                Duration.ofSeconds(120),
                "a new mail is classified by the model again",
                () -> probe("Nach Erholung"),
                r -> r != null);
        assertNotNull(recovered);
        String next = Mails.unique("Geschlossen");
        triaged.send(Triaged.sender("ok"), next, "Bitte um einen neuen Termin");
        assertEquals(
                "ai",
                triaged.awaitClassification(next, Duration.ofSeconds(60)).get("classified_by"),
                "closed: the next mail goes to the model");
    }

    @Test
    void mailTheRulesDecidedIsReclassifiedWhenTheModelIsBack() {
        triaged.healthyAndSettled(ollama);
        ollama.mode(OllamaStandIn.Mode.ERROR).status(503);
        String subject = Mails.unique("Waehrend Ausfall");
        triaged.send(Triaged.sender("down"), subject, "Ich möchte einen Termin verschieben.");
        Map<String, Object> before = triaged.awaitClassification(subject, Duration.ofSeconds(60));
        assertEquals("rules", before.get("classified_by"));

        ollama.mode(OllamaStandIn.Mode.OK);
        Map<String, Object> after = Waits.until(
                Duration.ofSeconds(120),
                "re-classified by the model",
                () -> triaged.classification(subject),
                r -> "ai".equals(r.get("classified_by")));
        assertEquals("ok", after.get("ai_outcome"));
        assertEquals("stand-in:latest", after.get("model"));
    }

    /** Sends {@code n} mails at once (the text and the mail's number as the body); their subjects. */
    private static List<String> burst(String prefix, String sender, int n, String text) {
        String tag = Mails.unique(prefix);
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            subjects.add(tag + " #" + i);
            triaged.send(Triaged.sender(sender), tag + " #" + i, text + " " + i);
        }
        return subjects;
    }

    private static void atMostTheSlotsAtOnce() {
        int slots = 2; // mailer.ollama.parallel's default, not overridden by the test stack
        assertTrue(ollama.maxConcurrent() <= slots, "at most " + slots + " at once, saw " + ollama.maxConcurrent());
    }

    /** Sends a mail and returns its subject if the model classified it, else null (after it was classified). */
    private static String probe(String prefix) {
        String subject = Mails.unique(prefix);
        triaged.send(Triaged.sender("probe"), subject, "Bitte um einen neuen Termin");
        Map<String, Object> c = triaged.awaitClassification(subject, Duration.ofSeconds(60));
        return "ai".equals(c.get("classified_by")) ? subject : null;
    }
}
