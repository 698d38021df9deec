package de.dockeragents.mailer.events.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The sender's side of {@code event_outbox}: each claim and each outcome commits on its own, before
 * and after the HTTP call. A claim holds the row for a lease; a sender that dies mid-call leaves it to
 * be taken again after the lease (at least once: a receiver de-duplicates by the event id).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EventStore {

    /** A claimed event: its id, type, stored body and the number of this attempt. */
    public record Pending(String id, String type, String body, int attempt) {}

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public Optional<Pending> claim(Duration lease) {
        List<?> rows = em.createNativeQuery("UPDATE event_outbox e SET status = 'SENDING', attempts = e.attempts + 1,"
                        + " lease_until = now() + (?1 * interval '1 millisecond')"
                        + " WHERE e.id = (SELECT id FROM event_outbox WHERE (status IN ('PENDING', 'FAILED')"
                        + " AND next_attempt_at <= now()) OR (status = 'SENDING' AND lease_until < now())"
                        + " ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING CAST(e.id AS text), e.type, e.body, e.attempts")
                .setParameter(1, lease.toMillis())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Pending((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue()));
    }

    public boolean delivered(Pending p) {
        return finish(p, "status = 'DELIVERED', delivered_at = now(), last_error = NULL", null, 0);
    }

    public boolean failed(Pending p, String error, Duration retryIn) {
        return finish(
                p,
                "status = 'FAILED', last_error = ?3, next_attempt_at = now() + (?4 * interval '1 millisecond')",
                error,
                retryIn.toMillis());
    }

    public boolean dead(Pending p, String error) {
        return finish(p, "status = 'DEAD', last_error = ?3", error, 0);
    }

    /** Drops delivered events older than {@code keep}; dead ones stay for a person. */
    public int purge(Duration keep) {
        return em.createNativeQuery("DELETE FROM event_outbox WHERE status = 'DELIVERED'"
                        + " AND delivered_at < now() - (?1 * interval '1 second')")
                .setParameter(1, keep.toSeconds())
                .executeUpdate();
    }

    private boolean finish(Pending p, String set, String text, long millis) {
        var q = em.createNativeQuery("UPDATE event_outbox SET " + set + ", lease_until = NULL"
                        + " WHERE id = CAST(?1 AS uuid) AND status = 'SENDING' AND attempts = ?2")
                .setParameter(1, p.id())
                .setParameter(2, p.attempt());
        if (set.contains("?3")) {
            q.setParameter(3, text);
        }
        if (set.contains("?4")) {
            q.setParameter(4, millis);
        }
        return q.executeUpdate() == 1;
    }
}
