package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.llm.control.ChatReply;
import de.dockeragents.mailer.llm.entity.AiOutcome;
import de.dockeragents.mailer.platform.control.Profile;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.triage.control.AnswerCheck;
import de.dockeragents.mailer.triage.control.ChatRequests;
import de.dockeragents.mailer.triage.control.Classifier;
import de.dockeragents.mailer.triage.control.LabelNames;
import de.dockeragents.mailer.triage.control.TriageRules;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third mailer is data only: {@code profiles/clinic} and the French language file exist in test
 * resources alone (a veterinary clinic in Geneva answering French, its own language, and German),
 * and the real loaders and the same code as praxis and ecom read it, classify its mail and plan its
 * replies: its categories, safety list, languages (in the model's schema, the answer check and the
 * guess), templates, labels, markers, emergency numbers and country code.
 */
class ThirdProfileTest {

    static final String PROFILE = "clinic";
    static final TriageRules TRIAGE = TriageRules.load(PROFILE);
    static final ReplyRules REPLIES = ReplyRules.load(PROFILE);
    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.UTC);

    static MailFacts mail(long id, String subject, String body) {
        return new MailFacts(
                id,
                "Léa Martin <lea@example.ch>",
                null,
                subject,
                body,
                RECEIVED,
                "<" + id + "@example.ch>",
                null,
                null,
                null,
                null,
                false,
                "From: lea@example.ch\r\nSubject: " + subject);
    }

    static Decision byRules(MailFacts mail) {
        return new Classifier(TRIAGE).decide(mail, ChatReply.failed(AiOutcome.DISABLED), Duration.ZERO);
    }

    static ReplyPlanner planner() {
        return new ReplyPlanner(REPLIES, new Templates(PROFILE), new LoopGuard(Set.of("clinique@example.ch")), true);
    }

    @Test
    void theProfileNamesItsLanguagesAndTheSchemaAndTheAnswerCheckUseThem() {
        assertEquals(List.of("fr", "de"), Profile.require(PROFILE).languages());
        ChatRequests requests = new ChatRequests(TRIAGE, "m:1", 2000, "5m");
        var languages = requests
                .schema()
                .getJsonObject("properties")
                .getJsonObject("language")
                .getJsonArray("enum")
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString)
                .toList();
        assertEquals(List.of("fr", "de", "other"), languages);
        var categories = requests
                .schema()
                .getJsonObject("properties")
                .getJsonObject("category")
                .getJsonArray("enum")
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString)
                .toList();
        assertEquals(List.of("emergency", "appointment", "prescription", "invoice", "other"), categories);

        var request = requests.classify(mail(1, "Rendez-vous", "Bonjour, je voudrais un rendez-vous."));
        String system = request.getJsonArray("messages").getJsonObject(0).getString("content");
        String user = request.getJsonArray("messages").getJsonObject(1).getString("content");
        assertTrue(system.contains("langue de l'e-mail : fr, de ou other"), system);
        assertTrue(
                user.contains("Domaine de l'expéditeur: example.ch") && user.contains("Objet: Rendez-vous"),
                "the mail is labelled in the profile's own language: " + user);

        AnswerCheck check = new AnswerCheck(TRIAGE);
        assertTrue(check.check(answer("fr")).verdict().isPresent(), "French is one of the clinic's languages");
        assertEquals(
                "language outside the schema", check.check(answer("en")).rejection(), "English is not the clinic's");
    }

    static String answer(String language) {
        String content = Json.createObjectBuilder()
                .add("category", "appointment")
                .add("priority", "normal")
                .add("language", language)
                .add("summary", "rendez-vous")
                .add("needs_reply", true)
                .add("confidence", 0.9)
                .build()
                .toString();
        return Json.createObjectBuilder()
                .add("model", "m:1")
                .add("done", true)
                .add(
                        "message",
                        Json.createObjectBuilder().add("role", "assistant").add("content", content))
                .build()
                .toString();
    }

    @Test
    void itsSafetyListFindsAnEmergencyInEitherLanguageAndItsTemplateAnswersItWithItsOwnNumbers() {
        for (var rule : TRIAGE.safetyRules()) {
            for (String example : rule.examples()) {
                Decision d = byRules(mail(2, "Aide", example));
                assertEquals("emergency", d.verdict().category(), example);
                assertEquals(Priority.URGENT, d.verdict().priority(), example);
            }
            for (String counter : rule.counterExamples()) {
                assertFalse(
                        "emergency"
                                .equals(byRules(mail(3, "Question", counter))
                                        .verdict()
                                        .category()),
                        counter);
            }
        }
        MailFacts poisoned = mail(4, "Aide", "Bonjour, mon chien est empoisonné, il a mangé de la mort-aux-rats!");
        Decision d = byRules(poisoned);
        assertEquals("emergency", d.verdict().category());
        assertEquals("fr", d.verdict().language(), "guessed by the French language file's words");

        Reply reply = ((ReplyPlanner.Ready) planner().plan(poisoned, d)).reply();
        assertEquals(ReplyKind.TEMPLATE_AUTO, reply.kind());
        assertEquals("fr", reply.language());
        assertEquals("lea@example.ch", reply.recipient());
        assertEquals("Votre message à Clinique vétérinaire du Lac : en cas d'urgence, appelez-nous", reply.subject());
        assertTrue(
                reply.body().contains("Tox Info Suisse au 145") && reply.body().contains("+41 22 555 01 23"),
                reply.body());

        Decision german = byRules(mail(5, "Hilfe", "Unsere Katze hat Rattengift gefressen, was sollen wir tun?"));
        assertEquals("emergency", german.verdict().category());
        assertEquals("de", german.verdict().language());
        Reply de = ((ReplyPlanner.Ready) planner().plan(mail(5, "Hilfe", "x"), german)).reply();
        assertTrue(de.subject().startsWith("Ihre Nachricht an Clinique vétérinaire du Lac"), de.subject());
    }

    @Test
    void itsOwnTemplateQuotedBackIsNoEmergency() {
        Decision d = byRules(mail(
                6,
                "Re: Votre message",
                "Merci, tout va bien maintenant.\n\n> En cas d'empoisonnement"
                        + " de votre animal, appelez Tox Info Suisse au 145 et notre clinique au +41 22 555 01 23."));
        assertFalse("emergency".equals(d.verdict().category()), "the clinic's own French sentence is not the sender's");
    }

    @Test
    void aMailInALanguageTheClinicDoesNotAnswerGetsItsOwnLanguageWithItsDateFormat() {
        MailFacts english = mail(7, "Appointment", "Hello, can I have an appointment for my dog please?");
        Decision d = byRules(english);
        assertEquals("other", d.verdict().language(), "English is not one of the clinic's languages");
        Decision appointment = new Decision(
                7,
                new de.dockeragents.mailer.triage.entity.Verdict(
                        "invoice", Priority.LOW, d.verdict().language(), "s", true, 0.9),
                d.classifiedBy(),
                d.aiOutcome(),
                null,
                List.of(),
                List.of(),
                1);
        Reply reply = ((ReplyPlanner.Ready) planner().plan(english, appointment)).reply();
        assertEquals("fr", reply.language(), "the profile's own language");
        assertTrue(reply.body().contains("merci pour votre message du 2 mars 2026"), reply.body());
        assertEquals("Accusé de réception : Appointment", reply.subject());
    }

    @Test
    void anAiDraftIsCheckedWithTheClinicsNumbersAndMarkers() {
        MailFacts mail = mail(8, "Rendez-vous", "Bonjour, je voudrais un rendez-vous pour la vaccination de mon chat.");
        Decision d = byRules(mail);
        assertEquals("appointment", d.verdict().category());
        ReplyPlanner.Ready ready = (ReplyPlanner.Ready) planner().plan(mail, d);
        assertTrue(ready.askModel(), "an ai-draft category");
        DraftCheck check = new DraftCheck(REPLIES);

        String clean = "Bonjour Madame Martin, merci pour votre message. Nous vous proposons un rendez-vous mardi"
                + " 10.3.2026 à 10.30. En cas d'empoisonnement, appelez le 145 ou le 144, ou notre clinique au"
                + " 022 555 01 23. Cordialement, la clinique";
        DraftCheck.Result r = check.check(clean, mail, ready.reply(), List.of());
        assertEquals(
                List.of(), r.findings(), "the clinic's own numbers, in national form too, and French: " + r.text());

        DraftCheck.Result bad = check.check(
                "Bonjour, merci pour votre message. Appelez le 116117 ou visitez"
                        + " https://evil.example pour votre rendez-vous avec nous. Cordialement, la clinique",
                mail,
                ready.reply(),
                List.of());
        assertTrue(
                bad.findings().containsAll(List.of(DraftFinding.LINK, DraftFinding.NUMBER)),
                bad.findings().toString());
        assertTrue(
                bad.text().contains("[lien supprimé]") && bad.text().contains("[numéro supprimé]"),
                "the clinic's own markers; praxis's 116117 is not the clinic's: " + bad.text());
    }

    @Test
    void itsLabelsAreItsOwn() {
        assertEquals(
                List.of("Tri/Urgence", "Tri/Priorité/Urgent"),
                LabelNames.load(PROFILE).folders("emergency", "urgent", '/'));
    }
}
