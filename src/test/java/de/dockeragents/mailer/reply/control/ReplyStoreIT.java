package de.dockeragents.mailer.reply.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.reply.entity.ReplyKind;
import de.dockeragents.mailer.testing.Database;

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
        assertEquals(ReplyStore.Queued.QUEUED, enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "s1@example.org")),
                "a draft for a person is not capped");
        assertEquals(1, db.count("SELECT count(*) FROM outbound_mail WHERE recipient = 's1@example.org' AND status = 'PENDING'"
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
        assertThrows(SQLException.class, () -> db.update("UPDATE outbound_mail SET status = 'PENDING' WHERE mail_id = ?", a));
        assertEquals(1, db.update("UPDATE outbound_mail SET status = 'PENDING', approved_by = 'staff', approved_at = now()"
                + " WHERE mail_id = ?", a));
        long b = db.mail("s4@example.org", "1", "b", "From: s4@example.org");
        assertThrows(RuntimeException.class, () -> enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "a@x.org, b@evil.example")));
        assertThrows(RuntimeException.class, () -> enqueue(reply(b, ReplyKind.TEMPLATE_DRAFT, "Name <a@x.org>")));
    }

    static String status(long mailId) {
        return db.count("SELECT count(*) FROM outbound_mail WHERE mail_id = ? AND status = 'DRAFT'", mailId) == 1 ? "DRAFT" : "?";
    }
}
