package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.AuditEntry;
import de.dockeragents.mailer.review.entity.Page;
import de.dockeragents.mailer.review.entity.Paging;

/** The review_audit table: written inside the decision's own transaction, so there is no change without its entry. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            String actor,
            AuditAction action,
            Long mailId,
            Long outboundId,
            String oldValue,
            String newValue,
            String detail) {
        em.createNativeQuery(
                        "INSERT INTO review_audit (actor, action, mail_id, outbound_id, old_value, new_value, detail)"
                                // typed: EclipseLink binds a null as VARCHAR
                                + " VALUES (?1, ?2, CAST(?3 AS BIGINT), CAST(?4 AS BIGINT), CAST(?5 AS TEXT), CAST(?6 AS TEXT),"
                                + " CAST(?7 AS TEXT))")
                .setParameter(1, actor)
                .setParameter(2, action.label())
                .setParameter(3, mailId)
                .setParameter(4, outboundId)
                .setParameter(5, oldValue)
                .setParameter(6, newValue)
                .setParameter(7, detail)
                .executeUpdate();
    }

    /**
     * Mail and replies that are being erased (retention, a request to be forgotten): their entries stay, as the
     * record of who decided what and when, but no longer point at them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unlink(List<Long> mailIds, List<Long> outboundIds) {
        if (!mailIds.isEmpty()) {
            em.createNativeQuery("UPDATE review_audit SET mail_id = NULL WHERE mail_id IN ("
                            + de.dockeragents.mailer.platform.control.Ids.sql(mailIds) + ")")
                    .executeUpdate();
        }
        if (!outboundIds.isEmpty()) {
            em.createNativeQuery("UPDATE review_audit SET outbound_id = NULL WHERE outbound_id IN ("
                            + de.dockeragents.mailer.platform.control.Ids.sql(outboundIds) + ")")
                    .executeUpdate();
        }
    }

    /** Newest first; with a mail id, only that mail's entries. */
    @Transactional
    public Page<AuditEntry> list(Long mailId, Paging paging) {
        String where = mailId == null ? "" : " WHERE mail_id = " + mailId.longValue();
        List<?> rows = em.createNativeQuery("SELECT id, at, actor, action, mail_id, outbound_id, old_value, new_value,"
                        + " detail FROM review_audit" + where + " ORDER BY at DESC, id DESC LIMIT ?1 OFFSET ?2")
                .setParameter(1, paging.limit())
                .setParameter(2, paging.offset())
                .getResultList();
        long total = Rows.count(em.createNativeQuery("SELECT count(*) FROM review_audit" + where)
                .getSingleResult());
        return new Page<>(
                rows.stream()
                        .map(o -> {
                            Object[] r = (Object[]) o;
                            return new AuditEntry(
                                    ((Number) r[0]).longValue(),
                                    Rows.instant(r[1]),
                                    (String) r[2],
                                    (String) r[3],
                                    Rows.longOrNull(r[4]),
                                    Rows.longOrNull(r[5]),
                                    (String) r[6],
                                    (String) r[7],
                                    (String) r[8]);
                        })
                        .toList(),
                total,
                paging.limit(),
                paging.offset());
    }
}
