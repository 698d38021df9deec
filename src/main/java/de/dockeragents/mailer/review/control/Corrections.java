package de.dockeragents.mailer.review.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.review.entity.AuditAction;
import de.dockeragents.mailer.review.entity.Problem;
import de.dockeragents.mailer.triage.control.TriageStore;

/**
 * A person's category for a mail, beside triage's own: recorded by triage with who and when, audited
 * here with the old and new value in the same transaction, and from then on what the inbox shows and
 * filters by.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Corrections {

    @Inject
    TriageStore triage;

    @Inject
    AuditTrail audit;

    /** Sets the category (one of the profile's, checked by the caller); false when it already was this one. */
    public boolean correct(long mailId, String category, String actor) {
        String old = triage.shownCategoryLocked(mailId)
                .orElseThrow(() -> Problem.notFound("mail " + mailId))
                .category();
        if (old == null) {
            throw Problem.conflict("mail " + mailId + " is not classified yet");
        }
        if (old.equals(category)) {
            return false;
        }
        triage.correct(mailId, category, actor);
        audit.record(actor, AuditAction.CORRECT_CATEGORY, mailId, null, old, category, null);
        return true;
    }
}
