package de.dockeragents.mailer.outbox.control;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.dockeragents.mailer.outbox.entity.OutboundStatus;
import de.dockeragents.mailer.outbox.entity.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The queue's state changes, each its own short transaction. A row is claimed one at a time, just
 * before its SMTP transaction: the claim (SENDING, attempt counted, lease set) is committed before
 * the first byte goes to the server, the outcome right after the server's answer. Every outcome is
 * fenced by the attempt number the claim handed out.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore {

    private static final String RETURNING = " RETURNING o.id, o.recipient, o.subject, o.body, o.message_id,"
            + " o.in_reply_to, o.references_hdr, o.auto_submitted, o.attempts";
    /** A draft never leaves without a person's approval; the table's CHECK says so too. */
    private static final String APPROVED = " AND (kind = 'template_auto' OR approved_at IS NOT NULL)";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** A row a crashed (or stuck) sender left SENDING past its lease; it may have reached the server. */
    public Optional<Outbound> claimExpired(Duration lease) {
        return claim("status = 'SENDING' AND lease_until < now()" + APPROVED + " ORDER BY lease_until, id", lease, true);
    }

    /** The next due PENDING or FAILED row. */
    public Optional<Outbound> claimDue(Duration lease) {
        return claim("status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()" + APPROVED
                + " ORDER BY next_attempt_at, id", lease, false);
    }

    private Optional<Outbound> claim(String where, Duration lease, boolean recovered) {
        List<?> rows = em.createNativeQuery("UPDATE outbound_mail o SET status = 'SENDING', attempts = o.attempts + 1,"
                + " lease_until = now() + (?1 * interval '1 millisecond'), updated_at = now()"
                + " WHERE o.id = (SELECT id FROM outbound_mail WHERE " + where + " LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + RETURNING).setParameter(1, lease.toMillis()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Outbound(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], Boolean.TRUE.equals(r[7]), ((Number) r[8]).intValue(),
                recovered));
    }

    /** The server accepted it (or the Sent folder shows it did). */
    public boolean sent(Outbound o, String note) {
        return finish(o, "status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULLIF(?3, '')", note, 0);
    }

    /** A transient failure: try again after the backoff. */
    public boolean failed(Outbound o, String error, Duration retryIn) {
        return finish(o, "status = 'FAILED', lease_until = NULL, last_error = ?3,"
                + " next_attempt_at = now() + (?4 * interval '1 millisecond')", error, retryIn.toMillis());
    }

    /** Given up: the last attempt failed, the server refused it for good, or it needs a person. */
    public boolean dead(Outbound o, String error) {
        return finish(o, "status = 'DEAD', lease_until = NULL, last_error = ?3", error, 0);
    }

    /** Whether it left is not known yet (the Sent folder could not be read): still SENDING, looked at again later. */
    public boolean undecided(Outbound o, String error, Duration lookAgainIn) {
        return finish(o, "lease_until = now() + (?4 * interval '1 millisecond'), last_error = ?3", error,
                lookAgainIn.toMillis());
    }

    private boolean finish(Outbound o, String set, String text, long millis) {
        var q = em.createNativeQuery("UPDATE outbound_mail SET " + set + ", updated_at = now()"
                + " WHERE id = ?1 AND status = 'SENDING' AND attempts = ?2")
                .setParameter(1, o.id()).setParameter(2, o.attempt()).setParameter(3, text);
        if (set.contains("?4")) {
            q.setParameter(4, millis);
        }
        return q.executeUpdate() == 1;
    }

    /** Rows per status, for the queue depth gauge; statuses without rows are 0. */
    public Map<OutboundStatus, Long> depth() {
        Map<OutboundStatus, Long> depth = new EnumMap<>(OutboundStatus.class);
        for (OutboundStatus s : OutboundStatus.values()) {
            depth.put(s, 0L);
        }
        for (Object row : em.createNativeQuery("SELECT status, count(*) FROM outbound_mail GROUP BY status")
                .getResultList()) {
            Object[] r = (Object[]) row;
            depth.put(OutboundStatus.valueOf(((String) r[0]).toUpperCase(Locale.ROOT)), ((Number) r[1]).longValue());
        }
        return depth;
    }
}
