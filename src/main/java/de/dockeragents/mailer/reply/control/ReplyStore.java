package de.dockeragents.mailer.reply.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import de.dockeragents.mailer.reply.entity.Arrival;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.reply.entity.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Puts replies into the outbound queue: automatic ones as PENDING (the sender takes them), drafts as
 * DRAFT (only a person's approval moves them on; the table's constraints hold that line too).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ReplyStore {

    /** What became of a reply. */
    public enum Queued {
        QUEUED, DAILY_CAP, ALREADY_ANSWERED,
        /** no reply to queue; the decision is recorded */
        RECORDED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A draft waiting for a person, as the Drafts folder copy needs it. */
    public record Draft(long id, String recipient, String subject, String body, String messageId, String inReplyTo,
            String references, String originalSubject) {

        @Override
        public String toString() {
            return "draft " + id + " " + messageId; // never the recipient or the text
        }
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    /**
     * Queues the reply; an automatic one only if its recipient had no automatic reply within
     * {@code window}. The check and the insert hold a lock on the recipient, so two mails from one
     * sender classified at once still get one automatic reply.
     */
    public Queued enqueue(Reply r, String messageIdDomain, Duration window) {
        String key = recipientKey(r.recipient());
        if (r.kind().automatic()) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, key)
                    .getSingleResult();
            Number recent = (Number) em.createNativeQuery("SELECT count(*) FROM outbound_mail WHERE kind = 'template_auto'"
                    + " AND recipient_key = ?1 AND created_at > now() - (?2 * interval '1 second')")
                    .setParameter(1, key).setParameter(2, window.toSeconds()).getSingleResult();
            if (recent.longValue() > 0) {
                return Queued.DAILY_CAP;
            }
        }
        int rows = em.createNativeQuery("INSERT INTO outbound_mail (id, mail_id, kind, status, recipient, recipient_key,"
                + " subject, body, language, template, message_id, in_reply_to, references_hdr, auto_submitted,"
                + " suspicious_reasons, model_text)"
                + " VALUES (nextval('outbound_mail_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                // typed: EclipseLink binds a null as VARCHAR
                + " CAST(?15 AS TEXT))"
                + " ON CONFLICT (mail_id) WHERE mail_id IS NOT NULL DO NOTHING")
                .setParameter(1, r.mailId())
                .setParameter(2, r.kind().wire())
                .setParameter(3, r.kind().automatic() ? "PENDING" : "DRAFT")
                .setParameter(4, r.recipient())
                .setParameter(5, key)
                .setParameter(6, r.subject())
                .setParameter(7, r.body())
                .setParameter(8, r.language())
                .setParameter(9, r.template())
                .setParameter(10, messageId(messageIdDomain))
                .setParameter(11, r.inReplyTo())
                .setParameter(12, r.references())
                .setParameter(13, r.kind().automatic())
                .setParameter(14, DraftFinding.join(r.findings()))
                .setParameter(15, r.modelText())
                .executeUpdate();
        return rows == 1 ? Queued.QUEUED : Queued.ALREADY_ANSWERED;
    }

    /**
     * Takes the planning of this mail for {@code lease}: false when its reply is decided already or
     * another planner holds it (e.g. an AI draft still waiting for the model). Committed at once, so
     * the sweep sees the claim.
     */
    public boolean claim(long mailId, Duration lease) {
        return em.createNativeQuery("UPDATE classification SET reply_lease_until = now() + (?2 * interval '1 millisecond')"
                + " WHERE mail_id = ?1 AND reply_planned_at IS NULL AND (reply_lease_until IS NULL OR reply_lease_until < now())")
                .setParameter(1, mailId).setParameter(2, lease.toMillis()).executeUpdate() == 1;
    }

    /**
     * Records the reply decision for this mail and, if there is a reply, queues it: one transaction,
     * so a crash leaves either both or neither (and then the sweep plans the mail again). The
     * classification row is locked first, so two planners of one mail settle one after the other and
     * the second finds the decision made. {@code reply} null: no reply, for {@code outcome}; with a reply,
     * {@code outcome} (if not null) is recorded instead of {@code queued} once it is queued, as its reason.
     *
     * @return what became of the reply; ALREADY_ANSWERED also when the mail's decision was made before
     */
    public Queued settle(long mailId, Reply reply, String outcome, String messageIdDomain, Duration window) {
        return settle(mailId, reply, outcome, null, messageIdDomain, window);
    }

    /** As above, with {@code reasons} for staff (the spam signals that refused a reply; null for none). */
    public Queued settle(long mailId, Reply reply, String outcome, String reasons, String messageIdDomain,
            Duration window) {
        List<?> open = em.createNativeQuery("SELECT mail_id FROM classification WHERE mail_id = ?1"
                + " AND reply_planned_at IS NULL FOR UPDATE").setParameter(1, mailId).getResultList();
        if (open.isEmpty()) {
            return Queued.ALREADY_ANSWERED;
        }
        Queued q = reply == null ? null : enqueue(reply, messageIdDomain, window);
        em.createNativeQuery("UPDATE classification SET reply_planned_at = now(), reply_lease_until = NULL,"
                + " reply_outcome = ?2, reply_reasons = ?3 WHERE mail_id = ?1").setParameter(1, mailId)
                .setParameter(2, q == null || (q == Queued.QUEUED && outcome != null) ? outcome : q.wire())
                .setParameter(3, reasons).executeUpdate();
        return q == null ? Queued.RECORDED : q;
    }

    /**
     * Classified mail whose reply was never decided although it should have been long ago: the
     * planner crashed between classification and enqueue, or failed. Oldest first; not the ones a
     * living planner holds.
     */
    public List<Long> unplanned(Duration olderThan, int limit) {
        return em.createNativeQuery("SELECT mail_id FROM classification WHERE reply_planned_at IS NULL"
                + " AND created_at < now() - (?1 * interval '1 millisecond')"
                + " AND (reply_lease_until IS NULL OR reply_lease_until < now()) ORDER BY created_at LIMIT ?2")
                .setParameter(1, olderThan.toMillis()).setParameter(2, limit).getResultList().stream()
                .map(o -> ((Number) o).longValue()).toList();
    }

    /**
     * Drafts still waiting for a person that have no copy in the Drafts folder yet, oldest first. A
     * suspicious draft never gets one: in Gmail it would look like any other draft, without the warning.
     */
    public List<Draft> draftsToAppend(int maxAttempts, int limit) {
        List<?> rows = em.createNativeQuery("SELECT o.id, o.recipient, o.subject, o.body, o.message_id, o.in_reply_to,"
                + " o.references_hdr, m.subject FROM outbound_mail o LEFT JOIN mail_message m ON m.id = o.mail_id"
                + " WHERE o.status = 'DRAFT' AND o.drafts_appended_at IS NULL AND NOT o.suspicious"
                + " AND o.drafts_attempts < ?1"
                + " ORDER BY o.id LIMIT ?2").setParameter(1, maxAttempts).setParameter(2, limit).getResultList();
        return rows.stream().map(o -> (Object[]) o).map(r -> new Draft(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7])).toList();
    }

    /** The copy is in the Drafts folder (appended now, or found there by its Message-ID). */
    public void draftAppended(long id) {
        em.createNativeQuery("UPDATE outbound_mail SET drafts_appended_at = now(), drafts_attempts = drafts_attempts + 1"
                + " WHERE id = ?1 AND drafts_appended_at IS NULL").setParameter(1, id).executeUpdate();
    }

    /** An attempt failed; the draft itself is untouched and the copy is tried again later. */
    public int draftAppendFailed(long id) {
        List<?> r = em.createNativeQuery("UPDATE outbound_mail SET drafts_attempts = drafts_attempts + 1 WHERE id = ?1"
                + " RETURNING drafts_attempts").setParameter(1, id).getResultList();
        return r.isEmpty() ? 0 : ((Number) r.get(0)).intValue();
    }

    /**
     * Drafts a person decided (approved, rejected, or sent on since) whose copy is still in the Drafts
     * folder: the copy goes, so the mailbox and the review page agree. Message-IDs, oldest first.
     */
    public List<DecidedDraft> decidedDraftCopies(int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, message_id FROM outbound_mail WHERE status <> 'DRAFT'"
                + " AND drafts_appended_at IS NOT NULL AND drafts_removed_at IS NULL ORDER BY id LIMIT ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(o -> (Object[]) o)
                .map(r -> new DecidedDraft(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    /** A decided draft's copy in the Drafts folder, by the queue row and its Message-ID. */
    public record DecidedDraft(long id, String messageId) {
    }

    /** The decided draft's copy is gone from the Drafts folder (removed now, or not there). */
    public void draftRemoved(long id) {
        em.createNativeQuery("UPDATE outbound_mail SET drafts_removed_at = now() WHERE id = ?1 AND drafts_removed_at IS NULL")
                .setParameter(1, id).executeUpdate();
    }

    /** The mail's INTERNALDATE and whether it is history; {@link Arrival#UNKNOWN} when the mail is gone. */
    public Arrival arrival(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT internal_date, history FROM mail_message WHERE id = ?1")
                .setParameter(1, mailId).getResultList();
        if (rows.isEmpty()) {
            return Arrival.UNKNOWN;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Arrival(time(r[0]), Boolean.TRUE.equals(r[1]));
    }

    private static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        return o instanceof java.sql.Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : null;
    }

    public boolean answered(long mailId) {
        return !em.createNativeQuery("SELECT 1 FROM outbound_mail WHERE mail_id = ?1").setParameter(1, mailId)
                .getResultList().isEmpty();
    }

    static String messageId(String domain) {
        return "<" + UUID.randomUUID() + "@" + (domain == null || domain.isBlank() ? "mailer.invalid" : domain) + ">";
    }

    public static String recipientKey(String address) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
