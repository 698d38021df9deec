package de.dockeragents.mailer.review.control;

import java.util.List;

import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A person's category for a mail, beside triage's own: recorded with who and when, audited with the
 * old and new value, and from then on what the inbox shows and filters by.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Corrections {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** Sets the category (one of the profile's, checked by the caller); false when it already was this one. */
    public boolean correct(long mailId, String category, String actor) {
        List<?> rows = em.createNativeQuery("SELECT coalesce(c.corrected_category, c.category) FROM mail_message m"
                + " LEFT JOIN classification c ON c.mail_id = m.id WHERE m.id = ?1 FOR UPDATE OF m")
                .setParameter(1, mailId).getResultList();
        if (rows.isEmpty()) {
            throw Problem.notFound("mail " + mailId);
        }
        String old = (String) rows.get(0);
        if (old == null) {
            throw Problem.conflict("mail " + mailId + " is not classified yet");
        }
        if (old.equals(category)) {
            return false;
        }
        em.createNativeQuery("UPDATE classification SET corrected_category = ?1, corrected_by = ?2,"
                + " corrected_at = now() WHERE mail_id = ?3").setParameter(1, category).setParameter(2, actor)
                .setParameter(3, mailId).executeUpdate();
        audit.record(actor, AuditAction.CORRECT_CATEGORY, mailId, null, old, category, null);
        return true;
    }
}
