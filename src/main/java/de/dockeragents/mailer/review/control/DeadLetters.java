package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.outbox.control.OutboxStore;
import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.DeadLetter;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;
import de.dockeragents.mailer.review.entity.Problem;

/**
 * Mail the outbox gave up on, and an admin's second chance for it: back to PENDING with its
 * attempts reset, so the sender takes it on its next run with the full backoff ahead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DeadLetters {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    OutboxStore outbox;

    @Inject
    AuditTrail audit;

    public Page<DeadLetter> list(Paging paging) {
        List<?> rows = em.createNativeQuery("SELECT id, mail_id, kind, subject, attempts, last_error, created_at,"
                        + " updated_at FROM outbound_mail WHERE status = 'DEAD' ORDER BY updated_at DESC, id DESC"
                        + " LIMIT ?1 OFFSET ?2")
                .setParameter(1, paging.limit())
                .setParameter(2, paging.offset())
                .getResultList();
        long total = Rows.count(em.createNativeQuery("SELECT count(*) FROM outbound_mail WHERE status = 'DEAD'")
                .getSingleResult());
        return new Page<>(
                rows.stream()
                        .map(o -> {
                            Object[] r = (Object[]) o;
                            return new DeadLetter(
                                    ((Number) r[0]).longValue(),
                                    Rows.longOrNull(r[1]),
                                    (String) r[2],
                                    (String) r[3],
                                    ((Number) r[4]).intValue(),
                                    (String) r[5],
                                    Rows.instant(r[6]),
                                    Rows.instant(r[7]));
                        })
                        .toList(),
                total,
                paging.limit(),
                paging.offset());
    }

    public void requeue(long id, String actor) {
        OutboxStore.Held row = outbox.lock(id).orElseThrow(() -> Problem.notFound("outbound mail " + id));
        if (!"DEAD".equals(row.status())) {
            throw Problem.conflict("outbound mail " + id + " is not dead-lettered (" + row.status() + ")");
        }
        outbox.requeue(id);
        audit.record(
                actor,
                AuditAction.REQUEUE,
                row.mailId(),
                id,
                "DEAD",
                "PENDING",
                "after " + row.attempts() + " attempts");
    }
}
