package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Which classified mail still needs its labels in the mailbox: a mail whose shown labels
 * ({@code labels_applied}) differ from its classification (a staff correction's category wins),
 * because it is new, was re-classified or corrected. Each step commits on its own; the mailbox work happens outside any transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LabelStore {

    /** A mail to label: where it was fetched from, how it is classified now, what the mailbox shows. */
    public record Pending(
            long mailId,
            String folder,
            long uidValidity,
            long uid,
            String messageId,
            String category,
            String priority,
            String applied) {

        public String wanted() {
            return category + " " + priority;
        }

        /** The category and priority the mailbox shows now; null before the first labels. */
        public String[] shown() {
            return applied == null ? null : applied.split(" ", 2);
        }

        @Override
        public String toString() {
            return "mail " + mailId; // never the Message-ID's address part
        }
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /** Mail classified or changed within {@code maxAge} whose labels lag behind, oldest change first. */
    public List<Pending> pending(Duration maxAge, int maxAttempts, int limit) {
        List<?> rows = em.createNativeQuery("SELECT c.mail_id, m.folder, m.uid_validity, m.uid, m.message_id,"
                        + " coalesce(c.corrected_category, c.category), c.priority, c.labels_applied"
                        + " FROM classification c JOIN mail_message m ON m.id = c.mail_id"
                        + " WHERE c.labels_applied IS DISTINCT FROM (coalesce(c.corrected_category, c.category) || ' ' || c.priority)"
                        + " AND greatest(c.updated_at, c.corrected_at) > now() - (?1 * interval '1 second') AND c.labels_attempts < ?2"
                        + " ORDER BY c.updated_at LIMIT ?3")
                .setParameter(1, maxAge.toSeconds())
                .setParameter(2, maxAttempts)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new Pending(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(),
                        (String) r[4],
                        (String) r[5],
                        (String) r[6],
                        (String) r[7]))
                .toList();
    }

    /** The mailbox shows {@code labels} ("category priority") for this mail now. */
    public void applied(long mailId, String labels) {
        em.createNativeQuery("UPDATE classification SET labels_applied = ?2, labels_attempts = 0 WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .setParameter(2, labels)
                .executeUpdate();
    }

    /** A try failed for this mail (not for the mailbox as a whole); returns the attempts so far. */
    public int failed(long mailId) {
        List<?> r = em.createNativeQuery("UPDATE classification SET labels_attempts = labels_attempts + 1"
                        + " WHERE mail_id = ?1 RETURNING labels_attempts")
                .setParameter(1, mailId)
                .getResultList();
        return r.isEmpty() ? 0 : ((Number) r.get(0)).intValue();
    }
}
