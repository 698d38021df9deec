package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person's own reply: code picks recipient, language and headers; the loop guard refuses as for any reply. */
class StaffReplyPlanTest {

    final ReplyPlanner praxis = ReplyPlannerTest.planner("praxis", true);

    @Test
    void anyCategoryGetsAStaffReplyToTheCodeChosenRecipientInTheMailsLanguage() {
        var mail = ReplyMails.mail("Erika Muster <erika@example.org>", "Erika <antwort@example.org>", "");
        // "other" has policy none: the planner would not answer it, a person may
        var ready = assertInstanceOf(
                ReplyPlanner.Ready.class, praxis.forStaff(mail, ReplyMails.decision("other", Priority.LOW, "en")));
        assertEquals(ReplyKind.STAFF_REPLY, ready.reply().kind());
        assertEquals("antwort@example.org", ready.reply().recipient(), "Reply-To, as for every reply");
        assertEquals("en", ready.reply().language());
        assertEquals("Re: Rezept", ready.reply().subject());
        assertEquals("<orig@example.org>", ready.reply().inReplyTo());
        assertEquals("<a@x> <b@x> <orig@example.org>", ready.reply().references());
        // not classified yet: the profile's own language
        var unclassified = assertInstanceOf(ReplyPlanner.Ready.class, praxis.forStaff(mail, null));
        assertEquals("de", unclassified.reply().language());
    }

    @Test
    void theLoopGuardRefusesAStaffReplyToo() {
        var auto = ReplyMails.mail("Erika <erika@example.org>", null, "Auto-Submitted: auto-replied");
        var s = assertInstanceOf(ReplyPlanner.Suppressed.class, praxis.forStaff(auto, null));
        assertEquals(SuppressReason.AUTO_SUBMITTED, s.reason());
        var own = ReplyMails.mail(ReplyMails.OWN, null, "");
        assertEquals(
                SuppressReason.OWN_ADDRESS,
                assertInstanceOf(ReplyPlanner.Suppressed.class, praxis.forStaff(own, null))
                        .reason());
    }

    @Test
    void startersAreTheProfilesTemplatesForTheMailAndItsSignature() {
        var mail = ReplyMails.plain();
        ReplyPlanner.Starters de = praxis.starters(mail, ReplyMails.decision("other", Priority.LOW, "de"), "de");
        List<String> names =
                de.templates().stream().map(ReplyPlanner.Named::name).toList();
        assertEquals(
                List.of("acknowledgement", "cancel-confirmation", "emergency", "results-by-phone", "sick-note"), names);
        assertTrue(
                de.templates().get(0).text().subject().endsWith("Rezept"),
                de.templates().get(0).text().subject());
        assertTrue(de.signature().startsWith("Mit freundlichen Grüßen\n"), de.signature());
        assertTrue(de.signature().contains("(Referenz M42)"), de.signature());
        assertTrue(praxis.starters(mail, null, "en").signature().startsWith("Kind regards\n"));
        assertTrue(Set.copyOf(names).size() == names.size());
    }
}
