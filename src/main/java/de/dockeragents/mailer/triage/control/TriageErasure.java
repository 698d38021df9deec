package de.dockeragents.mailer.triage.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.platform.control.Ids;

/**
 * Triage's part of retention and of a request to be forgotten: the verdicts of these mails (with the labels
 * recorded in them, the corrections and the summary) and their claims. Reply's plans refer to a verdict and
 * go first.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class TriageErasure {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** The number of verdicts deleted. */
    public int delete(List<Long> mailIds) {
        if (mailIds.isEmpty()) {
            return 0;
        }
        String ids = Ids.sql(mailIds);
        em.createNativeQuery("DELETE FROM triage_claim WHERE mail_id IN (" + ids + ")")
                .executeUpdate();
        return em.createNativeQuery("DELETE FROM classification WHERE mail_id IN (" + ids + ")")
                .executeUpdate();
    }
}
