package de.dockeragents.mailer.review.control;

import java.util.List;

import de.dockeragents.mailer.reply.entity.DraftDecided;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.review.entity.Approval;
import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.review.entity.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A person's decision on a draft. The row is locked, its state checked and changed, the decision
 * audited and {@link DraftDecided} fired, all in one transaction: a second approval finds the row
 * PENDING and is refused (409), so a draft is queued, and sent, at most once. The recipient is the
 * one code chose; nothing here can change it. A suspicious draft needs the approval's explicit
 * confirmation, audited as {@code confirm_suspicious} with the findings beside the approval.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Drafts {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    Event<DraftDecided> decided;

    /**
     * Queues the draft for sending with this text: PENDING, due now, approved by the caller. A
     * suspicious draft only with the approval's confirmation, which is audited with the findings.
     */
    public Draft approve(long id, Approval approval, String actor) {
        Object[] row = lockDraft(id);
        String reasons = (String) row[6];
        if (!reasons.isEmpty() && !approval.confirmSuspicious()) {
            throw Problem.invalid("confirmSuspicious", "draft " + id + " was flagged as suspicious (" + reasons
                    + "): approving it needs \"confirmSuspicious\": true");
        }
        String body = approval.body();
        String subject = approval.subject() == null ? (String) row[2] : approval.subject();
        em.createNativeQuery("UPDATE outbound_mail SET subject = ?1, body = ?2, status = 'PENDING', approved_by = ?3,"
                + " approved_at = now(), next_attempt_at = now(), updated_at = now() WHERE id = ?4 AND status = 'DRAFT'")
                .setParameter(1, subject).setParameter(2, body).setParameter(3, actor).setParameter(4, id)
                .executeUpdate();
        boolean edited = !body.equals(row[3]) || !subject.equals(row[2]);
        if (!reasons.isEmpty()) {
            audit.record(actor, AuditAction.CONFIRM_SUSPICIOUS, Rows.longOrNull(row[4]), id, null, null, reasons);
        }
        audit.record(actor, AuditAction.APPROVE, Rows.longOrNull(row[4]), id, "DRAFT", "PENDING",
                edited ? "edited" : "unchanged");
        decided.fire(new DraftDecided(id, (String) row[1], true));
        return read(em, id);
    }

    public Draft reject(long id, Rejection rejection, String actor) {
        Object[] row = lockDraft(id);
        em.createNativeQuery("UPDATE outbound_mail SET status = 'REJECTED', updated_at = now() WHERE id = ?1"
                + " AND status = 'DRAFT'").setParameter(1, id).executeUpdate();
        audit.record(actor, AuditAction.REJECT, Rows.longOrNull(row[4]), id, "DRAFT", "REJECTED", rejection.reason());
        decided.fire(new DraftDecided(id, (String) row[1], false));
        return read(em, id);
    }

    /** status, message_id, subject, body, mail_id, kind, suspicious_reasons of a draft waiting for a person, locked. */
    private Object[] lockDraft(long id) {
        List<?> rows = em.createNativeQuery("SELECT status, message_id, subject, body, mail_id, kind, suspicious_reasons"
                + " FROM outbound_mail WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw Problem.notFound("draft " + id);
        }
        Object[] row = (Object[]) rows.get(0);
        if ("template_auto".equals(row[5])) {
            throw Problem.conflict("outbound mail " + id + " is an automatic reply, not a draft");
        }
        if (!"DRAFT".equals(row[0])) {
            throw Problem.conflict("draft " + id + " was already decided (" + row[0] + ")");
        }
        return row;
    }

    /** The row as the page shows it, or null. */
    static Draft read(EntityManager em, long id) {
        List<?> rows = em.createNativeQuery("SELECT id, kind, status, recipient, subject, body, language, created_at,"
                + " approved_by, approved_at, sent_at, attempts, last_error, suspicious_reasons FROM outbound_mail"
                + " WHERE id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        List<String> reasons = DraftFinding.parse((String) r[13]).stream().map(DraftFinding::wire).toList();
        return new Draft(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], Rows.instant(r[7]), (String) r[8], Rows.instant(r[9]),
                Rows.instant(r[10]), ((Number) r[11]).intValue(), (String) r[12], !reasons.isEmpty(), reasons);
    }
}
