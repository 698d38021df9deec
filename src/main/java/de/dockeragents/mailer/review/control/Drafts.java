package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.outbox.control.OutboxStore;
import de.dockeragents.mailer.reply.control.ReplyStore;
import de.dockeragents.mailer.reply.entity.DraftDecided;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.review.entity.Approval;
import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.review.entity.Rejection;

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
    OutboxStore outbox;

    @Inject
    AuditTrail audit;

    @Inject
    ReplyStore replyStore;

    @Inject
    Event<DraftDecided> decided;

    /**
     * Queues the draft for sending with this text: PENDING, due now, approved by the caller. A
     * suspicious draft only with the approval's confirmation, which is audited with the findings.
     */
    public Draft approve(long id, Approval approval, String actor) {
        approveWithin(id, approval, actor, AuditAction.APPROVE, null);
        return read(em, id);
    }

    /**
     * The approval itself, in the caller's transaction (a person's own reply is queued and approved in
     * one); audited as {@code action}, with {@code detail} if given, else whether the text was edited.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approveWithin(long id, Approval approval, String actor, AuditAction action, String detail) {
        OutboxStore.Held row = lockDraft(id);
        String reasons = row.suspiciousReasons();
        if (!reasons.isEmpty() && !approval.confirmSuspicious()) {
            throw Problem.invalid(
                    "confirmSuspicious",
                    "draft " + id + " was flagged as suspicious (" + reasons
                            + "): approving it needs \"confirmSuspicious\": true");
        }
        String body = approval.body();
        String subject = approval.subject() == null ? row.subject() : approval.subject();
        outbox.approve(id, subject, body, actor);
        boolean edited = !body.equals(row.body()) || !subject.equals(row.subject());
        if (!reasons.isEmpty()) {
            audit.record(actor, AuditAction.CONFIRM_SUSPICIOUS, row.mailId(), id, null, null, reasons);
        }
        audit.record(
                actor,
                action,
                row.mailId(),
                id,
                "DRAFT",
                "PENDING",
                detail != null ? detail : edited ? "edited" : "unchanged");
        decided.fire(new DraftDecided(id, row.messageId(), true));
    }

    public Draft reject(long id, Rejection rejection, String actor) {
        OutboxStore.Held row = lockDraft(id);
        outbox.reject(id);
        audit.record(actor, AuditAction.REJECT, row.mailId(), id, "DRAFT", "REJECTED", rejection.reason());
        decided.fire(new DraftDecided(id, row.messageId(), false));
        return read(em, id);
    }

    /** A draft waiting for a person, locked until the decision commits. */
    private OutboxStore.Held lockDraft(long id) {
        OutboxStore.Held row = outbox.lock(id).orElseThrow(() -> Problem.notFound("draft " + id));
        if ("template_auto".equals(row.kind())) {
            throw Problem.conflict("outbound mail " + id + " is an automatic reply, not a draft");
        }
        if ("SENT".equals(row.status()) && replyStore.wasSentFromMailbox(id)) {
            throw Problem.conflict("draft " + id + " was sent from the mailbox's Drafts folder directly (it is in the"
                    + " Sent folder): it is not sent a second time");
        }
        if (!"DRAFT".equals(row.status())) {
            throw Problem.conflict("draft " + id + " was already decided (" + row.status() + ")");
        }
        return row;
    }

    /** The row as the page shows it, or null. */
    static Draft read(EntityManager em, long id) {
        List<?> rows = em.createNativeQuery("SELECT o.id, o.kind, o.status, o.recipient, o.subject, o.body, o.language,"
                        + " o.created_at, o.approved_by, o.approved_at, o.sent_at, o.attempts, o.last_error,"
                        + " o.suspicious_reasons, d.sent_in_mailbox_at IS NOT NULL FROM outbound_mail o"
                        + " LEFT JOIN draft_copy d ON d.outbound_id = o.id WHERE o.id = ?1")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        List<String> reasons = DraftFinding.parse((String) r[13]).stream()
                .map(DraftFinding::wire)
                .toList();
        return new Draft(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                Rows.instant(r[7]),
                (String) r[8],
                Rows.instant(r[9]),
                Rows.instant(r[10]),
                ((Number) r[11]).intValue(),
                (String) r[12],
                !reasons.isEmpty(),
                reasons,
                Boolean.TRUE.equals(r[14]));
    }
}
