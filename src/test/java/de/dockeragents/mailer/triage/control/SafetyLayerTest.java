package de.dockeragents.mailer.triage.control;

import de.dockeragents.mailer.llm.control.ChatReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Priority;

class SafetyLayerTest {

    final Classifier praxis = new Classifier(TriageRules.load("praxis"));
    final Classifier ecom = new Classifier(TriageRules.load("ecom"));

    @Test
    void emergencySymptomsOverrideALowModelAnswer() {
        var d = praxis.decide(Mails.of("Frage", "Mein Mann hat seit einer Stunde starke Brustschmerzen und Atemnot."),
                ChatReply.answered(Mails.envelope(Mails.answer("billing", "low"))), Duration.ZERO);
        assertEquals(ClassifiedBy.AI, d.classifiedBy());
        assertEquals("emergency", d.verdict().category());
        assertEquals(Priority.URGENT, d.verdict().priority());
        assertTrue(d.verdict().needsReply());
        assertTrue(d.safetyRules().contains("emergency-symptoms"));
    }

    @Test
    void emergencyFromTheModelIsAlwaysUrgent() {
        var d = praxis.decide(Mails.of("Hilfe", "Bitte schnell"), ChatReply.answered(Mails.envelope(Mails.answer("emergency", "low"))),
                Duration.ZERO);
        assertEquals("emergency", d.verdict().category());
        assertEquals(Priority.URGENT, d.verdict().priority());
    }

    @Test
    void emergencySymptomsAlsoWinWhenTheRulesDecide() {
        var d = praxis.decide(Mails.of("Termin", "I think I am having a stroke, slurred speech"), ChatReply.failed(AiOutcome.TIMEOUT),
                Duration.ZERO);
        assertEquals(ClassifiedBy.RULES, d.classifiedBy());
        assertEquals(AiOutcome.TIMEOUT, d.aiOutcome());
        assertEquals("emergency", d.verdict().category());
        assertEquals(Priority.URGENT, d.verdict().priority());
    }

    @Test
    void theModelCannotHideAMailAsSpam() {
        var d = ecom.decide(Mails.of("Rückerstattung fehlt", "Ich warte seit drei Wochen auf meine Erstattung für Bestellung 1234567."),
                ChatReply.answered(Mails.envelope(Mails.answer("spam", "low"))), Duration.ZERO);
        assertEquals("refund", d.verdict().category());
        assertTrue(Priority.HIGH.compareTo(d.verdict().priority()) >= 0, "" + d.verdict().priority());
        assertTrue(d.safetyRules().contains("confirm-spam"));
        assertEquals(java.util.List.of("1234567"), d.orderNumbers());
    }

    @Test
    void spamConfirmedByTheRulesStaysSpam() {
        var d = ecom.decide(Mails.of("SEO backlinks", "Cheap guest post and backlinks for your shop"),
                ChatReply.answered(Mails.envelope(Mails.answer("spam", "low"))), Duration.ZERO);
        assertEquals("spam", d.verdict().category());
    }

    @Test
    void legalThreatsAreNeverLowOrSpam() {
        var d = ecom.decide(Mails.of("Letzte Frist", "Sonst schalte ich meinen Anwalt ein."),
                ChatReply.answered(Mails.envelope(Mails.answer("spam", "low"))), Duration.ZERO);
        assertEquals("complaint", d.verdict().category());
        assertEquals(Priority.HIGH, d.verdict().priority());
    }

    @Test
    void senderRulesApplyByAddress() {
        var d = ecom.decide(Mails.of("PayPal <service@paypal.de>", "Case opened", "A buyer opened a case"),
                ChatReply.answered(Mails.envelope(Mails.answer("spam", "low"))), Duration.ZERO);
        assertEquals("refund", d.verdict().category());
        assertEquals(Priority.HIGH, d.verdict().priority());
        var n = praxis.decide(Mails.of("noreply@portal.example", "Info", "Newsletter"), ChatReply.failed(AiOutcome.ERROR), Duration.ZERO);
        assertEquals(false, n.verdict().needsReply());
    }

    @Test
    void offSchemaAnswersFallBackToTheRules() {
        var d = praxis.decide(Mails.of("Rezept", "Folgerezept bitte"),
                ChatReply.answered(Mails.envelope("{\"category\":\"lottery\"}")), Duration.ofMillis(12));
        assertEquals(ClassifiedBy.RULES, d.classifiedBy());
        assertEquals(AiOutcome.OFF_SCHEMA, d.aiOutcome());
        assertEquals("prescription", d.verdict().category());
        assertEquals(null, d.model());
        assertEquals(12, d.durationMs());
    }
}
