package de.dockeragents.mailer.triage.control;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesClassifierTest {

    static final TriageRules PRAXIS = TriageRules.load("praxis");
    static final TriageRules ECOM = TriageRules.load("ecom");

    @Test
    void praxisCategoriesByKeyword() {
        var rules = new RulesClassifier(PRAXIS);
        assertEquals(
                "prescription",
                rules.classify(Mails.of("Folgerezept", "Ich brauche ein neues Rezept für Ramipril."))
                        .verdict()
                        .category());
        assertEquals(
                "appointment_cancel",
                rules.classify(Mails.of("Termin absagen", "Ich kann nicht kommen."))
                        .verdict()
                        .category());
        assertEquals(
                "sick_note",
                rules.classify(Mails.of("AU", "Ich brauche eine Krankschreibung."))
                        .verdict()
                        .category());
        assertEquals(
                "results_question",
                rules.classify(Mails.of("Question", "Are my lab results ready?"))
                        .verdict()
                        .category());
    }

    @Test
    void noKeywordIsTheDefaultWithLowConfidence() {
        var r = new RulesClassifier(PRAXIS).classify(Mails.of("Hallo", "Schönes Wetter heute."));
        assertFalse(r.matched());
        assertEquals("other", r.verdict().category());
        assertTrue(r.verdict().confidence() < 0.5);
    }

    @Test
    void urgencyWordsRaiseThePriority() {
        var r = new RulesClassifier(ECOM).classify(Mails.of("Dringend: Rücksendung", "Bitte schnell"));
        assertEquals("return", r.verdict().category());
        assertEquals(Priority.HIGH, r.verdict().priority());
    }

    @Test
    void keywordsMatchAtWordStartsAndIgnoreObfuscation() {
        var rules = new RulesClassifier(PRAXIS);
        assertEquals(
                "prescription",
                rules.classify(Mails.of("x", "Re\u00ADzept bitte")).verdict().category());
        // "karezept" is no word start of "rezept"
        assertEquals(
                "other",
                rules.classify(Mails.of("x", "Kochbuchkarezeptur")).verdict().category());
    }

    @Test
    void quotedTextDoesNotDecideTheCategory() {
        var r = new RulesClassifier(PRAXIS)
                .classify(Mails.of(
                        "Re: Termin",
                        "Danke!\n\nAm 1. März schrieb Praxis:\n> Ihr Rezept liegt bereit, Rechnung folgt"));
        assertEquals(
                "appointment_new",
                new RulesClassifier(PRAXIS)
                        .classify(Mails.of("Termin", "einen Termin bitte"))
                        .verdict()
                        .category());
        assertEquals("other", r.verdict().category());
    }

    @Test
    void languageGuess() {
        assertEquals(
                "en",
                new RulesClassifier(PRAXIS)
                        .classify(Mails.of("Hello", "Can I have an appointment please? Thank you"))
                        .verdict()
                        .language());
        assertEquals(
                "de",
                new RulesClassifier(PRAXIS)
                        .classify(Mails.of("Hallo", "Ich hätte gern einen Termin, bitte."))
                        .verdict()
                        .language());
    }

    @Test
    void orderNumbersAreFoundByCode() {
        assertEquals(
                java.util.List.of("4711234", "ORD-123456"),
                OrderNumbers.find(
                        ECOM.orderNumberPatterns(), "Bestellung 4711234", "see ORD-123456 and my phone 0171 234"));
        assertEquals(java.util.List.of(), OrderNumbers.find(PRAXIS.orderNumberPatterns(), "Bestellung 4711234", ""));
    }
}
