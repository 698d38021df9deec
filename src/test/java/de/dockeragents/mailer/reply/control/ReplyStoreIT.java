package de.dockeragents.mailer.reply.control;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.outbox.control.OutboxStores;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound queue's first step on a real PostgreSQL: daily cap, one reply per mail, drafts stay drafts. */
class ReplyStoreIT {

    static Database db;

    @BeforeAll
    static void start() {
        db = new Database();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    ReplyStore.Queued enqueue(Reply r) {
        var em = db.entityManager();
        try {
            em.getTransaction().begin();
            ReplyStore store = new ReplyStore();
            store.em = em;
            store.outbox = OutboxStores.on(em);
            ReplyStore.Queued q = store.enqueue(r, "example.de", Duration.ofHours(24));
            em.getTransaction().commit();
            return q;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    <T> T tx(java.util.function.Function<ReplyStore, T> work) {
        var em = db.entityManager();
        try {
            em.getTransaction().begin();
            ReplyStore store = new ReplyStore();
            store.em = em;
            store.outbox = OutboxStores.on(em);
            T result = work.apply(store);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    boolean claim(long mailId, Duration lease) {
        return tx(s -> s.claim(mailId, lease));
    }

    java.util.List<Long> unplanned(Duration olderThan) {
        return tx(s -> s.unplanned(olderThan, 1000));
    }

    /** A classification written {@code minutesAgo}, with no reply decision yet (its plan row, as the store writes it). */
    static void classified(long mailId, String category, int minutesAgo) throws SQLException {
        db.update(
                "INSERT INTO classification (mail_id, category, priority, language, summary, needs_reply, confidence,"
                        + " classified_by, ai_outcome, duration_ms, created_at) VALUES (?, ?, 'urgent', 'de', 's', true, 1, 'rules',"
                        + " 'disabled', 1, now() - (? * interval '1 minute'))",
                mailId,
                category,
                minutesAgo);
        db.update(
                "INSERT INTO reply_plan (mail_id, created_at) VALUES (?, now() - (? * interval '1 minute'))",
                mailId,
                minutesAgo);
    }

    static boolean planned(long mailId) {
        return db.count("SELECT count(*) FROM reply_plan WHERE mail_id = ? AND planned_at IS NOT NULL", mailId) == 1;
    }

    @Test
    void aLostPlanIsFoundByTheSweepAndTheReplyIsDecidedOnce() throws SQLException {
        long a = db.mail("s5@example.org", "Notfall", "b", "From: s5@example.org");
        classified(a, "emergency", 10);
        // the planner crashed after the classification's commit: nothing queued, nothing decided
        assertTrue(unplanned(Duration.ofMinutes(2)).contains(a), "past the grace: the sweep takes it");
        assertFalse(unplanned(Duration.ofMinutes(20)).contains(a), "within the grace: left to its planner");

        // a planner holds it (e.g. an AI draft waiting for the model): no second planner, not swept
        assertTrue(claim(a, Duration.ofMinutes(5)));
        assertFalse(claim(a, Duration.ofMinutes(5)));
        assertFalse(unplanned(Duration.ofMinutes(2)).contains(a));
        // ... until its lease has run out (it crashed too)
        db.update("UPDATE reply_plan SET lease_until = now() - interval '1 second' WHERE mail_id = ?", a);
        assertTrue(unplanned(Duration.ofMinutes(2)).contains(a));
        assertTrue(claim(a, Duration.ofMinutes(5)));

        assertEquals(
                ReplyStore.Queued.QUEUED,
                tx(s -> s.settle(
                        a,
                        reply(a, ReplyKind.TEMPLATE_AUTO, "s5@example.org"),
                        null,
                        "example.de",
                        Duration.ofHours(24))));
        assertTrue(planned(a));
        assertEquals(
                1,
                db.count(
                        "SELECT count(*) FROM reply_plan WHERE mail_id = ? AND outcome = 'queued'"
                                + " AND lease_until IS NULL",
                        a));
        // a late second planner (its lease had run out) finds the decision made and queues nothing
        assertEquals(
                ReplyStore.Queued.ALREADY_ANSWERED,
                tx(s -> s.settle(
                        a,
                        reply(a, ReplyKind.TEMPLATE_DRAFT, "s5@example.org"),
                        null,
                        "example.de",
                        Duration.ofHours(24))));
        assertFalse(claim(a, Duration.ofMinutes(5)));
        assertFalse(unplanned(Duration.ofMinutes(2)).contains(a));
        assertEquals(1, db.count("SELECT count(*) FROM outbound_mail WHERE mail_id = ?", a));
    }

    @Test
    void aFailingEnqueueLeavesTheDecisionOpenAndNoReplyIsAlsoADecision() throws SQLException {
        long a = db.mail("s6@example.org", "1", "b", "From: s6@example.org");
        classified(a, "billing", 10);
        assertTrue(claim(a, Duration.ofMillis(1)));
        assertThrows(
                RuntimeException.class,
                () -> tx(s -> s.settle(
                        a,
                        reply(a, ReplyKind.TEMPLATE_DRAFT, "a@x.org, b@evil.example"),
                        null,
                        "example.de",
                        Duration.ofHours(24))));
        assertFalse(planned(a), "rolled back together with the enqueue");
        assertEquals(0, db.count("SELECT count(*) FROM outbound_mail WHERE mail_id = ?", a));
        db.update("UPDATE reply_plan SET lease_until = now() - interval '1 second' WHERE mail_id = ?", a);
        assertTrue(unplanned(Duration.ofMinutes(2)).contains(a), "so the sweep plans it again");

        long b = db.mail("s7@example.org", "1", "b", "From: s7@example.org");
        classified(b, "other", 10);
        assertEquals(ReplyStore.Queued.RECORDED, tx(s -> s.settle(b, null, "none", null, Duration.ofHours(24))));
        assertTrue(planned(b));
        assertFalse(unplanned(Duration.ofMinutes(2)).contains(b));
    }

    @Test
    void draftsWithoutACopyAreListedUntilRecorded() throws SQLException {
        long a = db.mail("s8@example.org", "Rechnung", "b", "From: s8@example.org");
        enqueue(reply(a, ReplyKind.AI_DRAFT, "s8@example.org"));
        ReplyStore.Draft d = tx(s -> s.draftsToAppend(20, 1000)).stream()
                .filter(x -> x.recipient().equals("s8@example.org"))
                .findFirst()
                .orElseThrow();
        assertEquals("Rechnung", d.originalSubject());
        assertEquals(1, (int) tx(s -> s.draftAppendFailed(d.id())));
        tx(s -> {
            s.draftAppended(d.id());
            return null;
        });
        assertFalse(tx(s -> s.draftsToAppend(20, 1000)).stream().anyMatch(x -> x.id() == d.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT count(*) FROM draft_copy WHERE outbound_id = ? AND attempts = 2"
                                + " AND appended_at IS NOT NULL",
                        d.id()));
    }

    static Reply reply(long mailId, ReplyKind kind, String to) {
        return new Reply(mailId, kind, to, "Eingangsbestätigung", "Text", "de", "acknowledgement", "<o@x>", "<o@x>");
    }

    @Test
    void oneAutomaticReplyPerSenderPerDay() {
        long a = db.mail("s1@example.org", "1", "b", "From: s1@example.org");
        long b = db.mail("s1@example.org", "2", "b", "From: s1@example.org");
        long c = db.mail("S1@Example.org", "3", "b", "From: S1@Example.org");
        assertEquals(ReplyStore.Queued.QUEUED, enqueue(reply(a, ReplyKind.TEMPLATE_AUTO, "s1@example.org")));
        assertEquals(ReplyStore.Queued.DAILY_CAP, enqueue(reply(b, ReplyKind.TEMPLATE_AUTO, "s1@example.org")));
        assertEquals(ReplyStore.Queued.DAILY_CAP, enqueue(reply(c, ReplyKind.TEMPLATE_AUTO, "S1@Example.org")));
        assertEquals(
                ReplyStore.Queued.QUEUED,
                enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "s1@example.org")),
                "a draft for a person is not capped");
        assertEquals(
                1,
                db.count("SELECT count(*) FROM outbound_mail WHERE recipient = 's1@example.org' AND status = 'PENDING'"
                        + " AND auto_submitted"));
    }

    @Test
    void aMailIsAnsweredOnce() {
        long a = db.mail("s2@example.org", "1", "b", "From: s2@example.org");
        assertEquals(ReplyStore.Queued.QUEUED, enqueue(reply(a, ReplyKind.AI_DRAFT, "s2@example.org")));
        assertEquals(ReplyStore.Queued.ALREADY_ANSWERED, enqueue(reply(a, ReplyKind.TEMPLATE_DRAFT, "s2@example.org")));
        assertEquals(1, db.count("SELECT count(*) FROM outbound_mail WHERE mail_id = ?", a));
    }

    @Test
    void draftsCannotLeaveWithoutApprovalAndRecipientsAreSingleAddresses() throws SQLException {
        long a = db.mail("s3@example.org", "1", "b", "From: s3@example.org");
        enqueue(reply(a, ReplyKind.AI_DRAFT, "s3@example.org"));
        assertEquals("DRAFT", status(a));
        assertThrows(
                SQLException.class,
                () -> db.update("UPDATE outbound_mail SET status = 'PENDING' WHERE mail_id = ?", a));
        assertEquals(
                1,
                db.update(
                        "UPDATE outbound_mail SET status = 'PENDING', approved_by = 'staff', approved_at = now()"
                                + " WHERE mail_id = ?",
                        a));
        long b = db.mail("s4@example.org", "1", "b", "From: s4@example.org");
        assertThrows(
                RuntimeException.class, () -> enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "a@x.org, b@evil.example")));
        assertThrows(RuntimeException.class, () -> enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "Name <a@x.org>")));
    }

    static String status(long mailId) {
        return db.count("SELECT count(*) FROM outbound_mail WHERE mail_id = ? AND status = 'DRAFT'", mailId) == 1
                ? "DRAFT"
                : "?";
    }
}
