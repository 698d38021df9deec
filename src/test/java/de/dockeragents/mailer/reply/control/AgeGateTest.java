package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.reply.entity.Arrival;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.reply.entity.SuppressReason;
import de.dockeragents.mailer.triage.entity.Priority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgeGateTest {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final Duration MAX_AGE = Duration.ofHours(48);
    final ReplyPlanner praxis = ReplyPlannerTest.planner("praxis", true);

    ReplyPlanner.Plan emergency() {
        return praxis.plan(ReplyMails.plain(), ReplyMails.decision("emergency", Priority.URGENT, "de"));
    }

    ReplyPlanner.Plan appointment() {
        return praxis.plan(ReplyMails.plain(), ReplyMails.decision("appointment_new", Priority.NORMAL, "de"));
    }

    static Arrival received(Duration ago, boolean history) {
        return new Arrival(NOW.minus(ago).atOffset(ZoneOffset.UTC), history);
    }

    @Test
    void historyGetsNoReplyAtAllNeitherTemplateNorDraftNorAQuestionToTheModel() {
        var auto = assertInstanceOf(
                ReplyPlanner.Suppressed.class,
                AgeGate.apply(emergency(), received(Duration.ofHours(1), true), MAX_AGE, NOW));
        assertEquals(SuppressReason.HISTORY, auto.reason());
        assertTrue(auto.automatic(), "counted as a suppressed automatic reply");
        var draft = assertInstanceOf(
                ReplyPlanner.Suppressed.class,
                AgeGate.apply(appointment(), received(Duration.ofDays(30), true), MAX_AGE, NOW));
        assertEquals(SuppressReason.HISTORY, draft.reason());
        assertFalse(draft.automatic());
        ReplyPlanner.Plan none = new ReplyPlanner.NoReply("policy none");
        assertSame(none, AgeGate.apply(none, received(Duration.ofDays(3), true), MAX_AGE, NOW));
    }

    @Test
    void mailOlderThanMaxAgeByTheServersDateGetsItsAutomaticTemplateAsADraft() {
        var ready = assertInstanceOf(
                ReplyPlanner.Ready.class,
                AgeGate.apply(emergency(), received(Duration.ofHours(49), false), MAX_AGE, NOW));
        assertEquals(ReplyKind.TEMPLATE_DRAFT, ready.reply().kind(), "a person decides");
        assertTrue(ready.reply().body().contains("112"), "the same text");
        ReplyPlanner.Plan fresh = emergency();
        assertSame(fresh, AgeGate.apply(fresh, received(Duration.ofHours(47), false), MAX_AGE, NOW));
        ReplyPlanner.Plan draft = appointment();
        assertSame(
                draft,
                AgeGate.apply(draft, received(Duration.ofDays(7), false), MAX_AGE, NOW),
                "a draft stays a draft, the model may still write it");
        ReplyPlanner.Plan unknown = emergency();
        assertSame(unknown, AgeGate.apply(unknown, Arrival.UNKNOWN, MAX_AGE, NOW), "no server date, no limit");
    }
}
