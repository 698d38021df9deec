package de.dockeragents.mailer.reply.control;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.outbox.control.OutboxStore;
import de.dockeragents.mailer.outbox.entity.NewOutbound;
import de.dockeragents.mailer.reply.entity.Arrival;
import de.dockeragents.mailer.reply.entity.DraftFinding;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.triage.entity.ClassificationSaved;

/**
 * The reply component's tables: each classified mail's reply plan ({@code reply_plan}: claimed, decided,
 * why) and each draft's copy in the Drafts folder ({@code draft_copy}). Replies themselves go into the
 * outbox's queue through {@link OutboxStore}: automatic ones as PENDING (the sender takes them), drafts
 * as DRAFT (only a person's approval moves them on; the table's constraints hold that line too).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ReplyStore {

    /** What became of a reply. */
    public enum Queued {
        QUEUED,
        DAILY_CAP,
        ALREADY_ANSWERED,
        /** no reply to queue; the decision is recorded */
        RECORDED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A draft waiting for a person, as the Drafts folder copy needs it. */
    public record Draft(
            long id,
            String recipient,
            String subject,
            String body,
            String messageId,
            String inReplyTo,
            String references,
            String originalSubject) {

        @Override
        public String toString() {
            return "draft " + id + " " + messageId; // never the recipient or the text
        }
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    OutboxStore outbox;

    /**
     * Queues the reply with the outbox (one per mail; an automatic one at most once per recipient within
     * {@code window}); a draft also gets its record for the Drafts folder copy. Within the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Queued enqueue(Reply r, String messageIdDomain, Duration window) {
        OutboxStore.Enqueued e = outbox.enqueue(
                new NewOutbound(
                        r.mailId(),
                        r.kind().wire(),
                        r.kind().automatic(),
                        r.recipient(),
                        r.subject(),
                        r.body(),
                        r.language(),
                        r.template(),
                        r.inReplyTo(),
                        r.references(),
                        DraftFinding.join(r.findings()),
                        r.modelText()),
                messageIdDomain,
                window);
        if (e.result() == OutboxStore.Enqueued.Result.QUEUED && !r.kind().automatic()) {
            em.createNativeQuery("INSERT INTO draft_copy (outbound_id) VALUES (?1)")
                    .setParameter(1, e.id())
                    .executeUpdate();
        }
        return switch (e.result()) {
            case QUEUED -> Queued.QUEUED;
            case DAILY_CAP -> Queued.DAILY_CAP;
            case ALREADY_ANSWERED -> Queued.ALREADY_ANSWERED;
        };
    }

    /**
     * A mail's first classification is being stored: its reply plan starts in the same transaction, so the
     * sweep finds every classified mail whose reply was never decided.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void planStarts(@Observes ClassificationSaved saved) {
        em.createNativeQuery("INSERT INTO reply_plan (mail_id) VALUES (?1) ON CONFLICT (mail_id) DO NOTHING")
                .setParameter(1, saved.mailId())
                .executeUpdate();
    }

    /**
     * Takes the planning of this mail for {@code lease}: false when its reply is decided already or
     * another planner holds it (e.g. an AI draft still waiting for the model). Committed at once, so
     * the sweep sees the claim.
     */
    public boolean claim(long mailId, Duration lease) {
        return em.createNativeQuery(
                                "UPDATE reply_plan SET lease_until = now() + (?2 * interval '1 millisecond')"
                                        + " WHERE mail_id = ?1 AND planned_at IS NULL AND (lease_until IS NULL OR lease_until < now())")
                        .setParameter(1, mailId)
                        .setParameter(2, lease.toMillis())
                        .executeUpdate()
                == 1;
    }

    /**
     * Extends the claim on a mail whose reply is still undecided, whoever held it (an AI draft's turn at
     * the model came after a long wait in its queue); false once the decision is made.
     */
    public boolean renew(long mailId, Duration lease) {
        return em.createNativeQuery("UPDATE reply_plan SET lease_until = now() + (?2 * interval '1 millisecond')"
                                + " WHERE mail_id = ?1 AND planned_at IS NULL")
                        .setParameter(1, mailId)
                        .setParameter(2, lease.toMillis())
                        .executeUpdate()
                == 1;
    }

    /**
     * Records the reply decision for this mail and, if there is a reply, queues it: one transaction,
     * so a crash leaves either both or neither (and then the sweep plans the mail again). The
     * plan's row is locked first, so two planners of one mail settle one after the other and
     * the second finds the decision made. {@code reply} null: no reply, for {@code outcome}; with a reply,
     * {@code outcome} (if not null) is recorded instead of {@code queued} once it is queued, as its reason.
     *
     * @return what became of the reply; ALREADY_ANSWERED also when the mail's decision was made before
     */
    public Queued settle(long mailId, Reply reply, String outcome, String messageIdDomain, Duration window) {
        return settle(mailId, reply, outcome, null, messageIdDomain, window);
    }

    /** As above, with {@code reasons} for staff (the spam signals that refused a reply; null for none). */
    public Queued settle(
            long mailId, Reply reply, String outcome, String reasons, String messageIdDomain, Duration window) {
        List<?> open = em.createNativeQuery(
                        "SELECT mail_id FROM reply_plan WHERE mail_id = ?1" + " AND planned_at IS NULL FOR UPDATE")
                .setParameter(1, mailId)
                .getResultList();
        if (open.isEmpty()) {
            return Queued.ALREADY_ANSWERED;
        }
        Queued q = reply == null ? null : enqueue(reply, messageIdDomain, window);
        em.createNativeQuery("UPDATE reply_plan SET planned_at = now(), lease_until = NULL,"
                        + " outcome = ?2, reasons = ?3 WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .setParameter(2, q == null || (q == Queued.QUEUED && outcome != null) ? outcome : q.wire())
                .setParameter(3, reasons)
                .executeUpdate();
        return q == null ? Queued.RECORDED : q;
    }

    /**
     * Classified mail whose reply was never decided although it should have been long ago: the
     * planner crashed between classification and enqueue, or failed. Oldest first; not the ones a
     * living planner holds.
     */
    public List<Long> unplanned(Duration olderThan, int limit) {
        return em
                .createNativeQuery("SELECT mail_id FROM reply_plan WHERE planned_at IS NULL"
                        + " AND created_at < now() - (?1 * interval '1 millisecond')"
                        + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY created_at LIMIT ?2")
                .setParameter(1, olderThan.toMillis())
                .setParameter(2, limit)
                .getResultList()
                .stream()
                .map(o -> ((Number) o).longValue())
                .toList();
    }

    /**
     * Drafts still waiting for a person that have no copy in the Drafts folder yet, oldest first. A
     * suspicious draft never gets one: in Gmail it would look like any other draft, without the warning.
     */
    public List<Draft> draftsToAppend(int maxAttempts, int limit) {
        List<?> rows = em.createNativeQuery("SELECT o.id, o.recipient, o.subject, o.body, o.message_id, o.in_reply_to,"
                        + " o.references_hdr, m.subject FROM draft_copy d JOIN outbound_mail o ON o.id = d.outbound_id"
                        + " LEFT JOIN mail_message m ON m.id = o.mail_id"
                        + " WHERE d.appended_at IS NULL AND o.status = 'DRAFT' AND NOT o.suspicious AND d.attempts < ?1"
                        + " ORDER BY d.outbound_id LIMIT ?2")
                .setParameter(1, maxAttempts)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new Draft(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (String) r[6],
                        (String) r[7]))
                .toList();
    }

    /** The copy is in the Drafts folder (appended now, or found there by its Message-ID). */
    public void draftAppended(long id) {
        em.createNativeQuery("UPDATE draft_copy SET appended_at = now(), attempts = attempts + 1"
                        + " WHERE outbound_id = ?1 AND appended_at IS NULL")
                .setParameter(1, id)
                .executeUpdate();
    }

    /** An attempt failed; the draft itself is untouched and the copy is tried again later. */
    public int draftAppendFailed(long id) {
        List<?> r = em.createNativeQuery(
                        "UPDATE draft_copy SET attempts = attempts + 1 WHERE outbound_id = ?1" + " RETURNING attempts")
                .setParameter(1, id)
                .getResultList();
        return r.isEmpty() ? 0 : ((Number) r.get(0)).intValue();
    }

    /**
     * Drafts a person decided (approved, rejected, or sent on since) whose copy is still in the Drafts
     * folder: the copy goes, so the mailbox and the review page agree. Message-IDs, oldest first.
     */
    public List<DecidedDraft> decidedDraftCopies(int limit) {
        List<?> rows = em.createNativeQuery("SELECT o.id, o.message_id FROM draft_copy d JOIN outbound_mail o"
                        + " ON o.id = d.outbound_id WHERE d.appended_at IS NOT NULL AND d.removed_at IS NULL"
                        + " AND o.status <> 'DRAFT' ORDER BY d.outbound_id LIMIT ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new DecidedDraft(((Number) r[0]).longValue(), (String) r[1]))
                .toList();
    }

    /** A decided draft's copy in the Drafts folder, by the queue row and its Message-ID. */
    public record DecidedDraft(long id, String messageId) {}

    /** The decided draft's copy is gone from the Drafts folder (removed now, or not there). */
    public void draftRemoved(long id) {
        em.createNativeQuery("UPDATE draft_copy SET removed_at = now() WHERE outbound_id = ?1 AND removed_at IS NULL")
                .setParameter(1, id)
                .executeUpdate();
    }

    /** A draft waiting for a person whose copy is in the Drafts folder, as the Sent folder is asked about it. */
    public record CopiedDraft(long id, String messageId, String inReplyTo, String recipient) {

        @Override
        public String toString() {
            return "draft " + id + " " + messageId; // never the recipient
        }
    }

    /** Drafts still waiting whose copy is in the Drafts folder (someone may send it from there), oldest first. */
    public List<CopiedDraft> copiedDrafts(int limit) {
        return copied("", limit, 0);
    }

    /** This draft, if it still waits and its copy is in the Drafts folder. */
    public java.util.Optional<CopiedDraft> copiedDraft(long id) {
        return copied(" AND o.id = ?2", 1, id).stream().findFirst();
    }

    private List<CopiedDraft> copied(String and, int limit, long id) {
        var q = em.createNativeQuery("SELECT o.id, o.message_id, o.in_reply_to, o.recipient FROM draft_copy d"
                        + " JOIN outbound_mail o ON o.id = d.outbound_id WHERE d.appended_at IS NOT NULL"
                        + " AND d.removed_at IS NULL AND o.status = 'DRAFT'" + and + " ORDER BY d.outbound_id LIMIT ?1")
                .setParameter(1, limit);
        if (!and.isEmpty()) {
            q.setParameter(2, id);
        }
        List<?> rows = q.getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new CopiedDraft(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3]))
                .toList();
    }

    /**
     * The draft's copy left from the mailbox itself: the queue row becomes SENT (never sent by us, never
     * approved), and the copy is recorded as sent there. False when the draft was decided meanwhile.
     */
    public boolean sentFromMailbox(long id) {
        if (!outbox.sentFromMailbox(id)) {
            return false;
        }
        em.createNativeQuery("UPDATE draft_copy SET sent_in_mailbox_at = now() WHERE outbound_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return true;
    }

    /** Whether this draft was sent from the mailbox's Drafts folder (found in the Sent folder). */
    public boolean wasSentFromMailbox(long id) {
        return !em.createNativeQuery(
                        "SELECT 1 FROM draft_copy WHERE outbound_id = ?1 AND sent_in_mailbox_at IS NOT NULL")
                .setParameter(1, id)
                .getResultList()
                .isEmpty();
    }

    /** The mail's INTERNALDATE and whether it is history; {@link Arrival#UNKNOWN} when the mail is gone. */
    public Arrival arrival(long mailId) {
        List<?> rows = em.createNativeQuery("SELECT internal_date, history FROM mail_message WHERE id = ?1")
                .setParameter(1, mailId)
                .getResultList();
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
        return !em.createNativeQuery("SELECT 1 FROM outbound_mail WHERE mail_id = ?1")
                .setParameter(1, mailId)
                .getResultList()
                .isEmpty();
    }
}
