package de.dockeragents.mailer.review.control;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import de.dockeragents.mailer.attachment.boundary.AttachmentProcessor;
import de.dockeragents.mailer.inbox.control.MailErasure;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.outbox.control.OutboxErasure;
import de.dockeragents.mailer.outbox.control.OutboxStore;
import de.dockeragents.mailer.platform.control.Addresses;
import de.dockeragents.mailer.review.entity.ForgetPreview;
import de.dockeragents.mailer.review.entity.Problem;

/**
 * A person's request to be forgotten (docs/data-protection.md): an admin names one address, sees what would go
 * (preview), confirms, and every mail naming it in From, Reply-To, To or Cc goes with all that is recorded about
 * it ({@link Erasure}), and so do the replies written to it, sent or not. The record names the address only by
 * its keyed hash ({@link PrivacyLog}); logs carry counts only. Asking again for the same address is harmless:
 * it erases what a run cut short left, or nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class Forgetting {

    private static final Logger LOG = Logger.getLogger(Forgetting.class.getName());
    private static final int SCAN = 1000;

    @Inject
    MailErasure mail;

    @Inject
    OutboxErasure outbox;

    @Inject
    AttachmentProcessor attachments;

    @Inject
    Erasure erasure;

    @Inject
    PrivacyLog log;

    @Inject
    ImapSettings imap;

    public ForgetPreview preview(String address) {
        String a = checked(address);
        List<Long> mails = mailOf(a);
        List<Long> replies = outbox.of(mails, Optional.of(OutboxStore.recipientKey(a)));
        try {
            return new ForgetPreview(
                    log.keyOf(a).substring(0, 16),
                    mails.size(),
                    attachments.erasure().count(mails),
                    replies.size(),
                    outbox.unsent(replies));
        } catch (SQLException e) {
            throw new IllegalStateException("attachments could not be counted", e);
        }
    }

    /** Erases everything of the address and records the run; what it erased. */
    public Erasure.Counts forget(String actor, String address) {
        String a = checked(address);
        String key = log.keyOf(a);
        long run = log.started(key, actor);
        Optional<String> recipient = Optional.of(OutboxStore.recipientKey(a));
        List<Long> mails = mailOf(a);
        Erasure.Counts done = Erasure.Counts.NONE;
        try {
            for (int i = 0; i < mails.size(); i += Erasure.BATCH) {
                done = done.plus(erasure.erase(mails.subList(i, Math.min(mails.size(), i + Erasure.BATCH)), recipient));
            }
            // replies to the address that answer no mail of it (or a run that died after their mails went)
            done = done.plus(erasure.erase(List.of(), recipient));
        } catch (SQLException | IOException | RuntimeException e) {
            Erasure.Counts partial = done;
            LOG.warning(() -> "erasure " + run + " stopped (" + e.getClass().getSimpleName() + ") after "
                    + partial.mails() + " mail(s); run the request again to complete it");
            throw new Problem(
                    503,
                    null,
                    "the erasure stopped part-way (" + e.getClass().getSimpleName() + "); run it again to complete it");
        }
        log.finished(run, done);
        Erasure.Counts d = done;
        LOG.info(() -> "erasure " + run + " by " + actor + ": " + d.mails() + " mail(s), " + d.attachments()
                + " attachment(s), " + d.outbound() + " repl(ies) (" + d.unsent() + " not sent, cancelled), "
                + d.archiveCopies() + " archive copie(s)");
        return done;
    }

    private List<Long> mailOf(String address) {
        List<Long> ids = new ArrayList<>();
        long after = 0;
        MailErasure.Scan scan;
        do {
            scan = mail.naming(address, after, SCAN);
            ids.addAll(scan.matches());
            after = scan.lastId();
        } while (scan.more());
        return ids;
    }

    /** A single valid address, not the mailbox's own (that names every mail). */
    String checked(String address) {
        if (address == null || address.isBlank()) {
            throw Problem.invalid("address", "an e-mail address is required");
        }
        String a = address.trim();
        if (a.contains(",") || a.contains(";") || a.contains("<") || !Addresses.valid(a)) {
            throw Problem.invalid("address", "not one e-mail address like name@example.de");
        }
        a = a.toLowerCase(Locale.ROOT);
        if (imap.user() != null && a.equalsIgnoreCase(imap.user().trim())) {
            throw Problem.invalid("address", "this is the mailbox's own address: it names every mail");
        }
        return a;
    }
}
