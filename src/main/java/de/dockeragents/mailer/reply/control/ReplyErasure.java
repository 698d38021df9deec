package de.dockeragents.mailer.reply.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.platform.control.Ids;

/**
 * Reply's part of retention and of a request to be forgotten: the reply plans of these mails and the records
 * of the Drafts-folder copies of these outbound rows, before triage and the outbox delete what they refer to.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ReplyErasure {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public void delete(List<Long> mailIds, List<Long> outboundIds) {
        if (!outboundIds.isEmpty()) {
            em.createNativeQuery("DELETE FROM draft_copy WHERE outbound_id IN (" + Ids.sql(outboundIds) + ")")
                    .executeUpdate();
        }
        if (!mailIds.isEmpty()) {
            em.createNativeQuery("DELETE FROM reply_plan WHERE mail_id IN (" + Ids.sql(mailIds) + ")")
                    .executeUpdate();
        }
    }
}
