package de.dockeragents.mailer.outbox.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.events.control.EventOutbox;
import de.dockeragents.mailer.events.entity.EventType;
import de.dockeragents.mailer.events.entity.NewEvent;
import de.dockeragents.mailer.outbox.entity.NewOutbound;
import de.dockeragents.mailer.outbox.entity.Outbound;
import de.dockeragents.mailer.outbox.entity.OutboundStatus;

/**
 * The outbound queue ({@code outbound_mail}), the only code that writes it. The sender's state changes are
 * each their own short transaction; what others do to the queue (queue a reply, a person's decision on a
 * draft, a second chance for a dead letter) joins the caller's transaction, which records why. A row is claimed one at a time, just
 * before its SMTP transaction: the claim (SENDING, attempt counted, lease set) is committed before
 * the first byte goes to the server, the outcome right after the server's answer. Every outcome is
 * fenced by the attempt number the claim handed out.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore {

    private static final String RETURNING = " RETURNING o.id, o.recipient, o.subject, o.body, o.message_id,"
            + " o.in_reply_to, o.references_hdr, o.auto_submitted, o.attempts";
    /** A draft never leaves without a person's approval; the table's CHECK says so too. */
    private static final String APPROVED = " AND (kind = 'template_auto' OR approved_at IS NOT NULL)";

    /** A person's own reply: approved in the transaction that queues it, so it never waits as a draft. */
    private static final String STAFF_REPLY = "staff_reply";

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    EventOutbox events;

    /** What became of a mail for the queue, and its row. */
    public record Enqueued(Result result, long id) {

        public enum Result {
            QUEUED,
            /** an automatic reply, but its recipient had one within the window */
            DAILY_CAP,
            /** the mail has its reply already */
            ALREADY_ANSWERED
        }
    }

    /** A queue row as a person decides it, locked until the caller's transaction ends. */
    public record Held(
            long id,
            String status,
            String messageId,
            String subject,
            String body,
            Long mailId,
            String kind,
            String suspiciousReasons,
            int attempts) {}

    /**
     * Queues the mail; an automatic one only if its recipient had no automatic mail within
     * {@code window}. The check and the insert hold a lock on the recipient, so two mails from one
     * sender classified at once still get one automatic reply. One reply per stored mail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Enqueued enqueue(NewOutbound o, String messageIdDomain, Duration window) {
        String key = recipientKey(o.recipient());
        if (o.automatic()) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, key)
                    .getSingleResult();
            Number recent =
                    (Number) em.createNativeQuery("SELECT count(*) FROM outbound_mail WHERE kind = 'template_auto'"
                                    + " AND recipient_key = ?1 AND created_at > now() - (?2 * interval '1 second')")
                            .setParameter(1, key)
                            .setParameter(2, window.toSeconds())
                            .getSingleResult();
            if (recent.longValue() > 0) {
                return new Enqueued(Enqueued.Result.DAILY_CAP, 0);
            }
        }
        List<?> ids = em.createNativeQuery(
                        "INSERT INTO outbound_mail (id, mail_id, kind, status, recipient, recipient_key,"
                                + " subject, body, language, template, message_id, in_reply_to, references_hdr, auto_submitted,"
                                + " suspicious_reasons, model_text)"
                                + " VALUES (nextval('outbound_mail_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                                // typed: EclipseLink binds a null as VARCHAR
                                + " CAST(?15 AS TEXT))"
                                + " ON CONFLICT (mail_id) WHERE mail_id IS NOT NULL DO NOTHING RETURNING id")
                .setParameter(1, o.mailId())
                .setParameter(2, o.kind())
                .setParameter(3, o.automatic() ? "PENDING" : "DRAFT")
                .setParameter(4, o.recipient())
                .setParameter(5, key)
                .setParameter(6, o.subject())
                .setParameter(7, o.body())
                .setParameter(8, o.language())
                .setParameter(9, o.template())
                .setParameter(10, messageId(messageIdDomain))
                .setParameter(11, o.inReplyTo())
                .setParameter(12, o.references())
                .setParameter(13, o.automatic())
                .setParameter(14, o.suspiciousReasons())
                .setParameter(15, o.modelText())
                .getResultList();
        if (ids.isEmpty()) {
            return new Enqueued(Enqueued.Result.ALREADY_ANSWERED, 0);
        }
        long id = ((Number) ids.get(0)).longValue();
        if (!o.automatic() && !STAFF_REPLY.equals(o.kind())) {
            events.record(NewEvent.of(EventType.DRAFT_WAITING)
                    .with("outbound_id", id)
                    .with("mail_id", o.mailId())
                    .with("kind", o.kind())
                    .with("language", o.language())
                    .with(
                            "suspicious",
                            o.suspiciousReasons() != null
                                    && !o.suspiciousReasons().isBlank())
                    .personal("recipient", o.recipient())
                    .personal("subject", o.subject()));
        }
        return new Enqueued(Enqueued.Result.QUEUED, id);
    }

    /**
     * A person's own reply to a mail whose draft a person rejected: the rejected row (never sent) becomes
     * a DRAFT with the person's text, for the caller to approve in its transaction; its Message-ID stays,
     * so the removal of the rejected draft's Drafts-folder copy still finds it. Empty when the mail has no
     * rejected reply (another reply, or none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> replaceRejected(NewOutbound o) {
        List<?> ids = em.createNativeQuery("UPDATE outbound_mail SET kind = ?2, status = 'DRAFT', subject = ?3,"
                        + " body = ?4, language = ?5, template = NULL, in_reply_to = ?6, references_hdr = ?7,"
                        + " suspicious_reasons = '', model_text = NULL, approved_by = NULL, approved_at = NULL,"
                        + " updated_at = now() WHERE mail_id = ?1 AND status = 'REJECTED' RETURNING id")
                .setParameter(1, o.mailId())
                .setParameter(2, o.kind())
                .setParameter(3, o.subject())
                .setParameter(4, o.body())
                .setParameter(5, o.language())
                .setParameter(6, o.inReplyTo())
                .setParameter(7, o.references())
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(((Number) ids.get(0)).longValue());
    }

    /** The row, locked for the caller's decision on it; empty when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Held> lock(long id) {
        List<?> rows = em.createNativeQuery(
                        "SELECT status, message_id, subject, body, mail_id, kind, suspicious_reasons,"
                                + " attempts FROM outbound_mail WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Held(
                id,
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(),
                (String) r[5],
                (String) r[6],
                ((Number) r[7]).intValue()));
    }

    /** A person approved the draft with this text: PENDING, due now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approve(long id, String subject, String body, String by) {
        em.createNativeQuery(
                        "UPDATE outbound_mail SET subject = ?1, body = ?2, status = 'PENDING', approved_by = ?3,"
                                + " approved_at = now(), next_attempt_at = now(), updated_at = now() WHERE id = ?4 AND status = 'DRAFT'")
                .setParameter(1, subject)
                .setParameter(2, body)
                .setParameter(3, by)
                .setParameter(4, id)
                .executeUpdate();
    }

    /** A person rejected the draft: it is never sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reject(long id) {
        em.createNativeQuery("UPDATE outbound_mail SET status = 'REJECTED', updated_at = now() WHERE id = ?1"
                        + " AND status = 'DRAFT'")
                .setParameter(1, id)
                .executeUpdate();
    }

    /** A dead letter's second chance: PENDING with its attempts reset, so the full backoff lies ahead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requeue(long id) {
        em.createNativeQuery("UPDATE outbound_mail SET status = 'PENDING', attempts = 0, next_attempt_at = now(),"
                        + " lease_until = NULL, updated_at = now() WHERE id = ?1 AND status = 'DEAD'")
                .setParameter(1, id)
                .executeUpdate();
    }

    static String messageId(String domain) {
        return "<" + UUID.randomUUID() + "@" + (domain == null || domain.isBlank() ? "mailer.invalid" : domain) + ">";
    }

    /** The recipient as the daily cap compares it: case-insensitive, and never in clear text in the table's index. */
    public static String recipientKey(String address) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row a crashed (or stuck) sender left SENDING past its lease; it may have reached the server. */
    public Optional<Outbound> claimExpired(Duration lease) {
        return claim(
                "status = 'SENDING' AND lease_until < now()" + APPROVED + " ORDER BY lease_until, id", lease, true);
    }

    /** The next due PENDING or FAILED row. */
    public Optional<Outbound> claimDue(Duration lease) {
        return claim(
                "status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()" + APPROVED
                        + " ORDER BY next_attempt_at, id",
                lease,
                false);
    }

    private Optional<Outbound> claim(String where, Duration lease, boolean recovered) {
        List<?> rows = em.createNativeQuery("UPDATE outbound_mail o SET status = 'SENDING', attempts = o.attempts + 1,"
                        + " lease_until = now() + (?1 * interval '1 millisecond'), updated_at = now()"
                        + " WHERE o.id = (SELECT id FROM outbound_mail WHERE " + where
                        + " LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + RETURNING)
                .setParameter(1, lease.toMillis())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Outbound(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                Boolean.TRUE.equals(r[7]),
                ((Number) r[8]).intValue(),
                recovered));
    }

    /** The server accepted it (or the Sent folder shows it did). */
    public boolean sent(Outbound o, String note) {
        if (!finish(o, "status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULLIF(?3, '')", note, 0)) {
            return false;
        }
        Object[] row = (Object[]) em.createNativeQuery("SELECT mail_id, kind FROM outbound_mail WHERE id = ?1")
                .setParameter(1, o.id())
                .getSingleResult();
        events.record(NewEvent.of(EventType.REPLY_SENT)
                .with("outbound_id", o.id())
                .with("mail_id", row[0] == null ? null : ((Number) row[0]).longValue())
                .with("kind", row[1])
                .with("attempt", o.attempt())
                .personal("recipient", o.recipient())
                .personal("subject", o.subject()));
        return true;
    }

    /**
     * A draft someone sent from the mailbox's Drafts folder itself (the reply component found it in the
     * Sent folder): SENT, so it is never sent by us and never approved; no person of ours approved it
     * ({@code approved_by} stays empty). False when the row was no longer a draft.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean sentFromMailbox(long id) {
        List<?> rows = em.createNativeQuery(
                        "UPDATE outbound_mail SET status = 'SENT', sent_at = now(), approved_at = now(),"
                                + " last_error = 'sent from the mailbox''s Drafts folder (found in its Sent folder)',"
                                + " updated_at = now() WHERE id = ?1 AND status = 'DRAFT' RETURNING mail_id, kind")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        events.record(NewEvent.of(EventType.REPLY_SENT)
                .with("outbound_id", id)
                .with("mail_id", row[0] == null ? null : ((Number) row[0]).longValue())
                .with("kind", row[1])
                .with("attempt", 0));
        return true;
    }

    /** A transient failure: try again after the backoff. */
    public boolean failed(Outbound o, String error, Duration retryIn) {
        return finish(
                o,
                "status = 'FAILED', lease_until = NULL, last_error = ?3,"
                        + " next_attempt_at = now() + (?4 * interval '1 millisecond')",
                error,
                retryIn.toMillis());
    }

    /** Given up: the last attempt failed, the server refused it for good, or it needs a person. */
    public boolean dead(Outbound o, String error) {
        return finish(o, "status = 'DEAD', lease_until = NULL, last_error = ?3", error, 0);
    }

    /** Whether it left is not known yet (the Sent folder could not be read): still SENDING, looked at again later. */
    public boolean undecided(Outbound o, String error, Duration lookAgainIn) {
        return finish(
                o,
                "lease_until = now() + (?4 * interval '1 millisecond'), last_error = ?3",
                error,
                lookAgainIn.toMillis());
    }

    private boolean finish(Outbound o, String set, String text, long millis) {
        var q = em.createNativeQuery("UPDATE outbound_mail SET " + set + ", updated_at = now()"
                        + " WHERE id = ?1 AND status = 'SENDING' AND attempts = ?2")
                .setParameter(1, o.id())
                .setParameter(2, o.attempt())
                .setParameter(3, text);
        if (set.contains("?4")) {
            q.setParameter(4, millis);
        }
        return q.executeUpdate() == 1;
    }

    /** Rows per status, for the queue depth gauge; statuses without rows are 0. */
    public Map<OutboundStatus, Long> depth() {
        Map<OutboundStatus, Long> depth = new EnumMap<>(OutboundStatus.class);
        for (OutboundStatus s : OutboundStatus.values()) {
            depth.put(s, 0L);
        }
        for (Object row : em.createNativeQuery("SELECT status, count(*) FROM outbound_mail GROUP BY status")
                .getResultList()) {
            Object[] r = (Object[]) row;
            depth.put(OutboundStatus.valueOf(((String) r[0]).toUpperCase(Locale.ROOT)), ((Number) r[1]).longValue());
        }
        return depth;
    }
}
