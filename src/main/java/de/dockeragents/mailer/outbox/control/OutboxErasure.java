package de.dockeragents.mailer.outbox.control;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.platform.control.Ids;

/**
 * The outbox's part of retention and of a request to be forgotten. A reply to one of these mails, or to the
 * address (its {@code recipient_key}), is deleted whatever its state: one not sent yet is thereby cancelled,
 * and the sender, which claims rows one at a time, never sees it again. A row the sender holds at that moment
 * ({@code SENDING}) may still go out; its row is gone afterwards all the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxErasure {

    /** What a delete removed: rows, and of those the replies not sent yet. */
    public record Deleted(int rows, int unsent) {}

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** The outbound rows answering these mails, or (given its key) written to the address. */
    public List<Long> of(List<Long> mailIds, Optional<String> recipientKey) {
        if (mailIds.isEmpty() && recipientKey.isEmpty()) {
            return List.of();
        }
        String where = (mailIds.isEmpty() ? "false" : "mail_id IN (" + Ids.sql(mailIds) + ")")
                + (recipientKey.isPresent() ? " OR recipient_key = ?1" : "");
        var q = em.createNativeQuery("SELECT id FROM outbound_mail WHERE " + where + " ORDER BY id");
        recipientKey.ifPresent(k -> q.setParameter(1, k));
        return q.getResultList().stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** Rows of no mail (theirs was deleted), finished, and older than the cutoff: retention's leftovers. */
    public List<Long> unlinkedOlderThan(OffsetDateTime cutoff, int limit) {
        return em
                .createNativeQuery("SELECT id FROM outbound_mail WHERE mail_id IS NULL AND created_at < ?1"
                        + " AND status IN ('SENT', 'REJECTED', 'DEAD') ORDER BY id LIMIT ?2")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList()
                .stream()
                .map(r -> ((Number) r).longValue())
                .toList();
    }

    /** Of these rows, how many are not sent yet (a draft, queued, being sent, or failed and due again). */
    public int unsent(List<Long> outboundIds) {
        if (outboundIds.isEmpty()) {
            return 0;
        }
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbound_mail WHERE id IN (" + Ids.sql(outboundIds)
                                + ") AND status IN ('DRAFT', 'PENDING', 'SENDING', 'FAILED')")
                        .getSingleResult())
                .intValue();
    }

    public Deleted delete(List<Long> outboundIds) {
        if (outboundIds.isEmpty()) {
            return new Deleted(0, 0);
        }
        String ids = Ids.sql(outboundIds);
        int unsent = unsent(outboundIds);
        int rows = em.createNativeQuery("DELETE FROM outbound_mail WHERE id IN (" + ids + ")")
                .executeUpdate();
        return new Deleted(rows, unsent);
    }
}
