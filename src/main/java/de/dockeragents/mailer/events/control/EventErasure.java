package de.dockeragents.mailer.events.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.platform.control.Ids;

/**
 * The events' part of retention and of a request to be forgotten: webhook events about these mails, delivered
 * or not (with the operator's opt-in they carry names and addresses), so none is sent about them afterwards.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class EventErasure {

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    public int delete(List<Long> mailIds) {
        if (mailIds.isEmpty()) {
            return 0;
        }
        // CAST and ->, not :: and #>>: EclipseLink reads # and : in a native query as its own markers
        return em.createNativeQuery("DELETE FROM event_outbox WHERE body LIKE '%\"mail_id\"%' AND"
                        + " CAST(CAST(body AS jsonb) -> 'data' ->> 'mail_id' AS bigint) IN (" + Ids.sql(mailIds) + ")")
                .executeUpdate();
    }
}
