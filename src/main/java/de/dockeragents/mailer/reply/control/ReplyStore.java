package de.dockeragents.mailer.reply.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

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
        QUEUED, DAILY_CAP, ALREADY_ANSWERED
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
                + " subject, body, language, template, message_id, in_reply_to, references_hdr, auto_submitted)"
                + " VALUES (nextval('outbound_mail_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
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
                .executeUpdate();
        return rows == 1 ? Queued.QUEUED : Queued.ALREADY_ANSWERED;
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
