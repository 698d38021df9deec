package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.spam.control.Lures;
import de.dockeragents.mailer.spam.control.SpamSignals;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.entity.ClassifiedBy;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.Priority;
import de.dockeragents.mailer.triage.entity.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyPlannerTest {

    final ReplyPlanner praxis = planner("praxis", true);

    static ReplyPlanner planner(String profile, boolean autoSend) {
        return new ReplyPlanner(
                ReplyRules.load(profile), new Templates(profile), new LoopGuard(Set.of(ReplyMails.OWN)), autoSend);
    }

    @Test
    void mailWithSpamSignalsGetsNoReplyOfAnyKindWhateverTheCategory() {
        ReplyPlanner guarded = new ReplyPlanner(
                ReplyRules.load("praxis"),
                new Templates("praxis"),
                new LoopGuard(Set.of(ReplyMails.OWN)),
                true,
                new SpamSignals(Lures.load("praxis"), Set.of("mx.google.com")));
        var spoofed = ReplyMails.mail(
                "Erika Muster <erika@example.org>",
                null,
                "Authentication-Results: mx.google.com; spf=fail smtp.mailfrom=example.org; dmarc=fail header.from=example.org");
        // even the emergency template: the mail stays urgent for staff, but a forged sender gets nothing
        for (String category : List.of("emergency", "prescription", "appointment_new", "results_question")) {
            var refused = assertInstanceOf(
                    ReplyPlanner.Refused.class,
                    guarded.plan(spoofed, ReplyMails.decision(category, Priority.NORMAL, "de")),
                    category);
            assertEquals(
                    List.of(new SpamSignal(
                            SpamSignal.AUTH_FAILED, "dmarc=fail, spf=fail (mx.google.com, header.from=example.org)")),
                    refused.signals());
            assertEquals(
                    category.equals("emergency") || category.equals("prescription"), refused.automatic(), category);
        }
        assertInstanceOf(
                ReplyPlanner.Ready.class,
                guarded.plan(ReplyMails.plain(), ReplyMails.decision("prescription", Priority.NORMAL, "de")),
                "the same mail without the failure is answered");
        // a planner built without SpamSignals answers it: the refusal is the signals' doing
        assertInstanceOf(
                ReplyPlanner.Ready.class,
                praxis.plan(spoofed, ReplyMails.decision("prescription", Priority.NORMAL, "de")));
    }

    @Test
    void emergencyGetsTheFixedTemplateAutomaticallyWithTheEmergencyNumbers() {
        var plan = praxis.plan(ReplyMails.plain(), ReplyMails.decision("emergency", Priority.URGENT, "de"));
        var ready = assertInstanceOf(ReplyPlanner.Ready.class, plan);
        assertEquals(ReplyKind.TEMPLATE_AUTO, ready.reply().kind());
        assertFalse(ready.askModel());
        assertTrue(ready.reply().body().contains("112"));
        assertTrue(ready.reply().body().contains("116117"));
        assertEquals("erika@example.org", ready.reply().recipient());
        assertEquals("<orig@example.org>", ready.reply().inReplyTo());
        assertEquals("<a@x> <b@x> <orig@example.org>", ready.reply().references());
    }

    @Test
    void aProductSafetyReportIsADraftForStaffNeverAnAutomaticTextNorModelText() {
        for (String language : List.of("de", "en")) {
            var ready = assertInstanceOf(
                    ReplyPlanner.Ready.class,
                    planner("ecom", true)
                            .plan(
                                    ReplyMails.plain(),
                                    ReplyMails.decision("product_safety", Priority.URGENT, language)));
            assertEquals(ReplyKind.TEMPLATE_DRAFT, ready.reply().kind());
            assertFalse(ready.reply().kind().automatic());
            assertFalse(ready.askModel(), "urgent mail never gets model text");
            assertEquals("product-safety", ready.reply().template());
            assertTrue(ready.reply().body().contains("112"), ready.reply().body());
        }
    }

    @Test
    void theOperatorsBusinessDetailsFillTheTemplatesWithoutARebuild() {
        var rules = ReplyRules.load("praxis")
                .withBusiness(Map.of("name", "Praxis Dr. Muster", "phone", " 030 123 ", "hours", "Mo-Fr 8-12 Uhr"));
        var body = ((ReplyPlanner.Ready) planner(rules)
                        .plan(ReplyMails.plain(), ReplyMails.decision("prescription", Priority.NORMAL, "de")))
                .reply()
                .body();
        assertTrue(body.contains("Ihre Praxis Dr. Muster"), body);
        assertTrue(body.contains("Telefon: 030 123\n"), body);
        assertTrue(body.contains("Unsere Sprechzeiten: Mo-Fr 8-12 Uhr"), body);
        // blank settings keep the profile's values; without hours and phone their lines are left out
        var shipped = ((ReplyPlanner.Ready) planner(ReplyRules.load("praxis").withBusiness(Map.of("name", " ")))
                        .plan(ReplyMails.plain(), ReplyMails.decision("prescription", Priority.NORMAL, "de")))
                .reply()
                .body();
        assertTrue(shipped.contains("Ihre Hausarztpraxis"), shipped);
        assertFalse(shipped.contains("Telefon:"), shipped);
        assertFalse(shipped.contains("Sprechzeiten:"), shipped);
    }

    static ReplyPlanner planner(ReplyRules rules) {
        return new ReplyPlanner(rules, new Templates("praxis"), new LoopGuard(Set.of(ReplyMails.OWN)), true);
    }

    @Test
    void englishMailGetsTheEnglishTemplate() {
        var ready = (ReplyPlanner.Ready)
                praxis.plan(ReplyMails.plain(), ReplyMails.decision("emergency", Priority.URGENT, "en"));
        assertTrue(
                ready.reply().subject().startsWith("Your message"),
                ready.reply().subject());
        assertEquals("en", ready.reply().language());
        var other = (ReplyPlanner.Ready)
                praxis.plan(ReplyMails.plain(), ReplyMails.decision("emergency", Priority.URGENT, "other"));
        assertEquals("de", other.reply().language(), "the profile's language when neither");
    }

    @Test
    void aiDraftCategoriesStartAsTemplateDraftsAndAskTheModel() {
        var ready = (ReplyPlanner.Ready)
                praxis.plan(ReplyMails.plain(), ReplyMails.decision("appointment_new", Priority.NORMAL, "de"));
        assertEquals(ReplyKind.TEMPLATE_DRAFT, ready.reply().kind());
        assertTrue(ready.askModel());
        DraftCheck check = new DraftCheck(ReplyRules.load("praxis"));
        var withText = Replies.withModelText(
                ready.reply(),
                ChatReply.answered(
                        de.dockeragents.mailer.triage.control.Mails.envelope(
                                "Gern, kommen Sie am Montag. Details: https://evil.example/x oder boss@evil.example, Tel 0171 2345678")),
                ReplyMails.plain(),
                List.of(),
                check);
        assertEquals(ReplyKind.AI_DRAFT, withText.kind());
        assertEquals("erika@example.org", withText.recipient());
        assertFalse(withText.body().contains("evil"), withText.body());
        assertFalse(withText.body().contains("2345678"), withText.body());
        assertTrue(withText.suspicious(), "what was removed makes it suspicious");
        var noModel = Replies.withModelText(
                ready.reply(), ChatReply.failed(AiOutcome.TIMEOUT), ReplyMails.plain(), List.of(), check);
        assertEquals(ReplyKind.TEMPLATE_DRAFT, noModel.kind());
    }

    @Test
    void urgentMailNeverGetsModelText() {
        var d = new Decision(
                42,
                new Verdict("billing", Priority.URGENT, "de", "s", true, 1),
                ClassifiedBy.AI,
                AiOutcome.OK,
                "m",
                List.of(),
                List.of(),
                1);
        assertFalse(((ReplyPlanner.Ready) praxis.plan(ReplyMails.plain(), d)).askModel());
    }

    @Test
    void policyNoneAndNoReplyNeeded() {
        assertInstanceOf(
                ReplyPlanner.NoReply.class,
                praxis.plan(ReplyMails.plain(), ReplyMails.decision("other", Priority.NORMAL, "de")));
        var d = new Decision(
                42,
                new Verdict("prescription", Priority.NORMAL, "de", "s", false, 1),
                ClassifiedBy.AI,
                AiOutcome.OK,
                "m",
                List.of(),
                List.of(),
                1);
        assertInstanceOf(ReplyPlanner.NoReply.class, praxis.plan(ReplyMails.plain(), d));
    }

    @Test
    void loopGuardStopsAutomaticReplies() {
        var plan = praxis.plan(
                ReplyMails.mail("erika@example.org", null, "Auto-Submitted: auto-replied"),
                ReplyMails.decision("emergency", Priority.URGENT, "de"));
        var s = assertInstanceOf(ReplyPlanner.Suppressed.class, plan);
        assertEquals(SuppressReason.AUTO_SUBMITTED, s.reason());
        assertTrue(s.automatic());
    }

    @Test
    void autoSendOffMakesEveryTemplateADraft() {
        var ready = (ReplyPlanner.Ready) planner("praxis", false)
                .plan(ReplyMails.plain(), ReplyMails.decision("emergency", Priority.URGENT, "de"));
        assertEquals(ReplyKind.TEMPLATE_DRAFT, ready.reply().kind());
    }

    @Test
    void ecomTemplatesCarryOrderNumbersFoundByCode() {
        var d = new Decision(
                42,
                new Verdict("return", Priority.NORMAL, "de", "s", true, 1),
                ClassifiedBy.AI,
                AiOutcome.OK,
                "m",
                List.of(),
                List.of("4711234"),
                1);
        var ready = (ReplyPlanner.Ready) planner("ecom", true).plan(ReplyMails.plain(), d);
        assertTrue(ready.reply().body().contains("4711234"), ready.reply().body());
        assertEquals(ReplyKind.TEMPLATE_AUTO, ready.reply().kind());
    }
}
