package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.outbox.control.OutboxStore;
import de.dockeragents.mailer.outbox.entity.NewOutbound;
import de.dockeragents.mailer.reply.entity.Reply;
import de.dockeragents.mailer.spam.entity.SpamSignal;
import de.dockeragents.mailer.triage.control.TriageStore;
import de.dockeragents.mailer.triage.entity.Decision;
import de.dockeragents.mailer.triage.entity.MailFacts;

/**
 * A person's own reply to any mail, written on the staff page. Code chooses the recipient, the language and
 * the threading headers exactly as for a planned reply ({@link ReplyPlanner#forStaff}); the spam signals and
 * the loop guard refuse it as they refuse a draft. The reply goes into the outbox's queue as a DRAFT row of
 * kind {@code staff_reply}, which the caller approves in the same transaction: one path to sending for every
 * reply a person decides. Still one reply per mail: a mail with a reply in the queue gets no second one,
 * except where a person rejected the draft, whose row then carries the person's reply instead.
 */
@ApplicationScoped
public class StaffReplies {

    /** Why no reply may go to a mail: the loop guard's or the spam signals' reason, and what staff read. */
    public record Refusal(String code, String detail) {}

    /** What the page's reply form starts from; {@code refusal} set: the mail may not be answered. */
    public record Start(
            long mailId,
            String recipient,
            String language,
            String subject,
            String signature,
            List<ReplyPlanner.Named> templates,
            Refusal refusal) {

        @Override
        public String toString() {
            return "reply start for mail " + mailId; // never the recipient
        }
    }

    /** What became of a person's reply. */
    public record Written(Result result, long outboundId, Refusal refusal) {

        public enum Result {
            /** a DRAFT row of kind staff_reply, for the caller to approve in its transaction */
            QUEUED,
            NO_MAIL,
            /** the mail has its reply in the queue already */
            ANSWERED,
            REFUSED
        }
    }

    @PersistenceContext(unitName = "mailer")
    EntityManager em;

    @Inject
    Replies replies;

    @Inject
    TriageStore triage;

    @Inject
    OutboxStore outbox;

    /** The form for a reply to this mail: empty when there is no such mail. */
    @Transactional
    public Optional<Start> start(long mailId) {
        MailFacts mail = triage.load(mailId);
        if (mail == null) {
            return Optional.empty();
        }
        Decision decision = triage.decision(mailId);
        ReplyPlanner.Plan plan = replies.planner().forStaff(mail, decision);
        if (!(plan instanceof ReplyPlanner.Ready ready)) {
            return Optional.of(new Start(mailId, null, null, null, null, List.of(), refusal(plan)));
        }
        Reply r = ready.reply();
        ReplyPlanner.Starters starters = replies.planner().starters(mail, decision, r.language());
        return Optional.of(new Start(
                mailId, r.recipient(), r.language(), r.subject(), starters.signature(), starters.templates(), null));
    }

    /**
     * Queues the person's reply as a DRAFT of kind staff_reply, within the caller's transaction (which
     * approves it). A mail whose reply is not planned yet is planned now, as answered by a person, so the
     * planner sends nothing of its own after it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Written write(long mailId, String subject, String body) {
        MailFacts mail = triage.load(mailId);
        if (mail == null) {
            return new Written(Written.Result.NO_MAIL, 0, null);
        }
        ReplyPlanner.Plan plan = replies.planner().forStaff(mail, triage.decision(mailId));
        if (!(plan instanceof ReplyPlanner.Ready ready)) {
            return new Written(Written.Result.REFUSED, 0, refusal(plan));
        }
        // the plan's row first, as the planner locks it (ReplyStore.settle): the other order could deadlock
        em.createNativeQuery("UPDATE reply_plan SET planned_at = now(), lease_until = NULL, outcome = 'staff_reply'"
                        + " WHERE mail_id = ?1 AND planned_at IS NULL")
                .setParameter(1, mailId)
                .executeUpdate();
        Reply r = ready.reply();
        NewOutbound o = new NewOutbound(
                mailId,
                r.kind().wire(),
                false,
                r.recipient(),
                subject == null ? r.subject() : subject,
                body,
                r.language(),
                null,
                r.inReplyTo(),
                r.references(),
                "",
                null);
        ReplySettings settings = replies.settings();
        OutboxStore.Enqueued e = outbox.enqueue(o, settings.messageIdDomain(), settings.perSenderWindow());
        long id = e.result() == OutboxStore.Enqueued.Result.QUEUED
                ? e.id()
                : outbox.replaceRejected(o).orElse(0L);
        if (id == 0) {
            return new Written(Written.Result.ANSWERED, 0, null);
        }
        return new Written(Written.Result.QUEUED, id, null);
    }

    private static Refusal refusal(ReplyPlanner.Plan plan) {
        if (plan instanceof ReplyPlanner.Refused r) {
            return new Refusal(
                    "spam_signals",
                    r.signals().stream().map(SpamSignal::code).distinct().collect(Collectors.joining(", ")));
        }
        if (plan instanceof ReplyPlanner.Suppressed s) {
            return new Refusal(s.reason().wire(), null);
        }
        return new Refusal("none", null);
    }
}
