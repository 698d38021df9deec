package de.dockeragents.mailer.inbox.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.Waits;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.inbox.entity.MailMessage;
import de.dockeragents.mailer.inbox.entity.MailStatus;
import de.dockeragents.mailer.inbox.entity.ParsedFields;
import de.dockeragents.mailer.platform.control.LeaseStore;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseLost;
import de.dockeragents.mailer.testing.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fencing of the folder position on a real PostgreSQL (V18): a holder that paused past its lease while
 * another instance took the folder over can neither store its batch nor move the position, and the new
 * holder goes on from where the position really is.
 */
class FolderFenceIT {

    static Database db;

    @BeforeAll
    static void start() {
        db = new Database();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    <T> T tx(Function<EntityManager, T> work) {
        EntityManager em = db.entityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    <T> T mails(Function<MailStore, T> work) {
        return tx(em -> {
            MailStore s = new MailStore();
            s.em = em;
            s.events = EventOutbox.off();
            return work.apply(s);
        });
    }

    <T> T leases(Function<LeaseStore, T> work) {
        return tx(em -> {
            LeaseStore s = new LeaseStore();
            try {
                var f = LeaseStore.class.getDeclaredField("em");
                f.setAccessible(true);
                f.set(s, em);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return work.apply(s);
        });
    }

    long take(String lease, String holder, Duration ttl) {
        return leases(s -> s.take(lease, holder, ttl).orElse(-1));
    }

    @Test
    void aStaleHolderThatWakesUpAfterATakeoverCannotStoreNorMoveThePosition() {
        String folder = "fence-" + UUID.randomUUID();
        String lease = "folder:" + folder;
        // A holds the folder, with a lease that runs out at once (as if A paused for longer than the lease time)
        Fence a = new Fence(lease, take(lease, "a#1", Duration.ofMillis(1)));
        mails(s -> s.begin(folder, 7, new MailStore.Start("none", "first_start", 0, null, 1), a));
        mails(s -> s.store(folder, 7, List.of(mail(folder, 1)), 1, a));
        assertEquals(1, position(folder));

        // B takes the folder over once A's lease ran out: a new tenure, a new token
        long bToken = Waits.until(
                Duration.ofSeconds(10),
                "B takes the expired lease",
                () -> take(lease, "b#1", Duration.ofMinutes(5)),
                t -> t > 0);
        Fence b = new Fence(lease, bToken);
        assertTrue(b.token() > a.token(), "every new holder gets a greater token");
        assertEquals(-1, take(lease, "a#1", Duration.ofMinutes(5)), "A cannot take it back while B's lease lasts");

        // A wakes up and goes on with the batch it had fetched: refused, nothing of it kept
        long before = db.count("SELECT count(*) FROM mail_message WHERE folder = ?", folder);
        assertThrows(
                LeaseLost.class, () -> mails(s -> s.store(folder, 7, List.of(mail(folder, 2), mail(folder, 3)), 3, a)));
        assertThrows(
                LeaseLost.class,
                () -> mails(s -> {
                    s.skip(folder, 7, 50, a);
                    return null;
                }));
        assertThrows(
                LeaseLost.class,
                () -> mails(s -> s.begin(folder, 8, new MailStore.Start("none", "uidvalidity_change", 0, null, 1), a)));
        assertEquals(1, position(folder), "the stale holder moved the position nowhere");
        assertEquals(
                before, db.count("SELECT count(*) FROM mail_message WHERE folder = ?", folder), "and stored nothing");

        // B reads on from the real position; the same mails are stored once
        mails(s -> s.store(folder, 7, List.of(mail(folder, 2), mail(folder, 3)), 3, b));
        assertEquals(3, position(folder));
        assertEquals(3, db.count("SELECT count(*) FROM mail_message WHERE folder = ?", folder));
    }

    @Test
    void theTokenStaysWithTheHolderAndAReleasedLeaseIsFreeAtOnce() {
        String lease = "folder:release-" + UUID.randomUUID();
        long first = take(lease, "a#1", Duration.ofMinutes(5));
        assertEquals(first, take(lease, "a#1", Duration.ofMinutes(5)), "a renewal keeps the token");
        assertEquals(-1, take(lease, "b#1", Duration.ofMinutes(5)), "a live lease is not taken");
        leases(s -> {
            s.release(lease, "b#1");
            return null;
        });
        assertEquals(-1, take(lease, "b#1", Duration.ofMinutes(5)), "only its holder releases a lease");
        leases(s -> {
            s.release(lease, "a#1");
            return null;
        });
        assertEquals(first + 1, take(lease, "b#1", Duration.ofMinutes(5)), "a released lease goes to the next at once");
    }

    private long position(String folder) {
        return mails(s -> s.look(folder, 7).position().lastUid());
    }

    private static Incoming mail(String folder, long uid) {
        String key = "fence:" + UUID.randomUUID();
        MailMessage m = new MailMessage(folder, 7, uid, key, MailStatus.STORED, 11);
        m.parsed(new ParsedFields(
                "<" + key + ">",
                "a@b.example",
                null,
                "c@d.example",
                null,
                "s",
                null,
                "t",
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                0,
                null,
                null));
        return new Incoming(m, "raw message".getBytes(StandardCharsets.US_ASCII));
    }
}
