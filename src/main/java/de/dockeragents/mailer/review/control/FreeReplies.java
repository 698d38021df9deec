package de.dockeragents.mailer.review.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.reply.control.StaffReplies;
import de.dockeragents.mailer.review.entity.Approval;
import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Draft;
import de.dockeragents.mailer.review.entity.Problem;

/**
 * A person's own reply to any mail: the reply component queues it (recipient, language and threading
 * headers by code; refused where the loop guard or the spam signals refuse a reply) and it is approved
 * by the writer through the draft's approval, in one transaction, audited as {@code reply} under their
 * name. One reply per mail: a second submit of the same reply, or a reply to a mail that has one, is
 * refused (409) and sends nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class FreeReplies {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    StaffReplies staff;

    @Inject
    Drafts drafts;

    /** Queues the reply to {@code mailId} with this text (validated by {@link Approval}), approved by {@code actor}. */
    public Draft reply(long mailId, Approval text, String actor) {
        StaffReplies.Written w = staff.write(mailId, text.subject(), text.body());
        switch (w.result()) {
            case NO_MAIL -> throw Problem.notFound("mail " + mailId);
            case REFUSED ->
                throw Problem.conflict(
                        "mail " + mailId + " gets no reply: " + w.refusal().code()
                                + (w.refusal().detail() == null
                                        ? ""
                                        : " (" + w.refusal().detail() + ")"));
            case ANSWERED -> throw answered(mailId);
            case QUEUED -> {}
        }
        drafts.approveWithin(w.outboundId(), text, actor, AuditAction.REPLY, "staff_reply");
        return Drafts.read(em, w.outboundId());
    }

    /** Why a mail with a reply in the queue gets no second one: a draft waits for a decision, or it is answered. */
    private Problem answered(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT id, status FROM outbound_mail WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList();
        if (rows.isEmpty()) {
            return Problem.conflict("mail " + mailId + " was answered meanwhile");
        }
        Object[] r = (Object[]) rows.get(0);
        return "DRAFT".equals(r[1])
                ? Problem.conflict("mail " + mailId + " has a draft waiting (" + r[0]
                        + "): edit it, insert a template if you like, and approve it")
                : Problem.conflict("mail " + mailId + " is answered already (reply " + r[0] + ", " + r[1] + ")");
    }
}
