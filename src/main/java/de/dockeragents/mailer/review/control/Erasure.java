package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.attachment.boundary.AttachmentProcessor;
import de.dockeragents.mailer.attachment.control.AttachmentErasure;
import de.dockeragents.mailer.events.control.EventErasure;
import de.dockeragents.mailer.inbox.control.MailErasure;
import de.dockeragents.mailer.outbox.control.OutboxErasure;
import de.dockeragents.mailer.reply.control.ReplyErasure;
import de.dockeragents.mailer.triage.control.TriageErasure;

/**
 * Deletes a batch of mails with everything recorded about them, each table by its owner (docs/architecture.md):
 * webhook events, reply plans and Drafts-copy records, the audit's links, replies, verdicts and labels,
 * attachments with their files and archive copies, and last the mail rows and raw messages. Each owner commits
 * its own short transaction, so no lock is held for long; because the mail rows go last, a run cut short (a
 * crash, a failing archive) is completed by the next one, which finds the same mail again. Used by the daily
 * retention and by a request to be forgotten.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class Erasure {

    /** At most this many mails per batch. */
    public static final int BATCH = 200;

    /** What a run erased. */
    public record Counts(int mails, int attachments, int outbound, int unsent, int archiveCopies) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(
                    mails + o.mails,
                    attachments + o.attachments,
                    outbound + o.outbound,
                    unsent + o.unsent,
                    archiveCopies + o.archiveCopies);
        }
    }

    @Inject
    MailErasure mail;

    @Inject
    TriageErasure triage;

    @Inject
    ReplyErasure reply;

    @Inject
    OutboxErasure outbox;

    @Inject
    EventErasure events;

    @Inject
    AuditTrail audit;

    @Inject
    AttachmentProcessor attachments;

    /** One batch of at most {@link #BATCH} mails; with a recipient key, also the replies written to that address. */
    public Counts erase(List<Long> mailIds, Optional<String> recipientKey) throws SQLException, IOException {
        List<Long> outboundIds = outbox.of(mailIds, recipientKey);
        events.delete(mailIds);
        reply.delete(mailIds, outboundIds);
        audit.unlink(mailIds, outboundIds);
        OutboxErasure.Deleted sent = outbox.delete(outboundIds);
        triage.delete(mailIds);
        AttachmentErasure.Erased files = attachments.erasure().erase(mailIds);
        int mails = mail.delete(mailIds);
        return new Counts(mails, files.attachments(), sent.rows(), sent.unsent(), files.archiveCopies());
    }

    /** Replies of no mail left that are finished and older than the cutoff (retention only). */
    public Counts eraseReplies(List<Long> outboundIds) {
        reply.delete(List.of(), outboundIds);
        audit.unlink(List.of(), outboundIds);
        OutboxErasure.Deleted d = outbox.delete(outboundIds);
        return new Counts(0, 0, d.rows(), d.unsent(), 0);
    }
}
