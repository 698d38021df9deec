package de.dockeragents.mailer.reply.control;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.mailbox.control.DraftsFolder;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.control.Coalescing;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.control.StartupState;
import de.dockeragents.mailer.reply.entity.DraftDecided;

/**
 * Copies drafts into the mailbox's Drafts folder ({@code mailer.reply.drafts-folder}), so staff can
 * read them in Gmail. The queue's row is the draft; the copy is a convenience: it is made after the
 * row is committed, recorded in {@code draft_copy}, looked up by Message-ID before
 * appending (so a crash between APPEND and the record never makes a second copy), and retried by the
 * reply sweep when the mailbox cannot be reached, at most {@value #MAX_ATTEMPTS} times. Once a person
 * decided the draft on the review page (approved or rejected), its copy is removed again, so the
 * Drafts folder holds only what still waits for a decision. With several instances of a mailer, one pass
 * runs at a time across all of them ({@link Leases#exclusive}): the Message-ID lookup alone cannot stop two
 * instances that look at the same moment from appending a copy each.
 */
@ApplicationScoped
public class DraftsCopies {

    private static final Logger LOG = Logger.getLogger(DraftsCopies.class.getName());
    static final int MAX_ATTEMPTS = 20;
    private static final int BATCH = 50;
    /** The longest a pass may take before another instance may start one (this one died in it). */
    private static final java.time.Duration PASS_MAX = java.time.Duration.ofMinutes(10);

    @Inject
    ReplySettings settings;

    @Inject
    ImapSettings imap;

    @Inject
    ReplyStore store;

    @Inject
    StartupState state;

    @Inject
    Leases leases;

    @Resource
    ManagedExecutorService executor;

    /** One pass at a time in this process; the Message-ID lookup covers the rest. */
    private final ReentrantLock pass = new ReentrantLock();

    private final Coalescing soon = new Coalescing(this::sync);

    /** A draft was just queued: copy it soon, off the caller's thread. */
    public void soon() {
        if (settings.draftsFolderEnabled()) {
            soon.request(executor);
        }
    }

    /** A person decided a draft: once that is committed, its copy leaves the Drafts folder soon. */
    void decided(@Observes(during = TransactionPhase.AFTER_SUCCESS) DraftDecided decision) {
        soon();
    }

    /** Brings the Drafts folder in line with the queue: copies of new drafts in, of decided ones out. */
    public void sync() {
        appendPending();
        removeDecided();
    }

    /** Copies every draft that has no copy yet; returns how many were appended now. */
    public int appendPending() {
        if (!settings.draftsFolderEnabled() || !state.started()) {
            return 0;
        }
        pass.lock();
        try {
            return leases.exclusive("drafts", PASS_MAX, () -> {
                        List<ReplyStore.Draft> due = store.draftsToAppend(MAX_ATTEMPTS, BATCH);
                        return due.isEmpty() ? 0 : append(due);
                    })
                    .orElse(0);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "copying drafts to the Drafts folder failed: "
                            + e.getClass().getSimpleName() + "; the reply sweep tries again");
            return 0;
        } finally {
            pass.unlock();
        }
    }

    /** Removes the copies of drafts a person decided; returns how many copies were removed now. */
    public int removeDecided() {
        if (!settings.draftsFolderEnabled() || !state.started()) {
            return 0;
        }
        pass.lock();
        try {
            return leases.exclusive("drafts", PASS_MAX, () -> {
                        List<ReplyStore.DecidedDraft> due = store.decidedDraftCopies(BATCH);
                        return due.isEmpty() ? 0 : remove(due);
                    })
                    .orElse(0);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "removing decided drafts from the Drafts folder failed: "
                            + e.getClass().getSimpleName() + "; the reply sweep tries again");
            return 0;
        } finally {
            pass.unlock();
        }
    }

    private int remove(List<ReplyStore.DecidedDraft> due) {
        int removed = 0;
        try (DraftsFolder folder = DraftsFolder.open(imap, settings.draftsFolder())) {
            for (ReplyStore.DecidedDraft d : due) {
                // no folder any more: nothing left to remove
                boolean there = folder != null && folder.remove(d.messageId());
                store.draftRemoved(d.id());
                removed += there ? 1 : 0;
                LOG.fine(() -> "draft " + d.id() + (there ? ": decided, copy removed from" : ": decided, no copy in")
                        + " the Drafts folder");
            }
        } catch (MessagingException e) {
            LOG.info(() -> "the Drafts folder could not be written ("
                    + e.getClass().getSimpleName() + "); the reply sweep tries again");
        }
        return removed;
    }

    private int append(List<ReplyStore.Draft> due) {
        int appended = 0;
        ReplyStore.Draft current = null;
        try (DraftsFolder folder = DraftsFolder.open(imap, settings.draftsFolder())) {
            if (folder == null) {
                LOG.warning(() -> "mailer.reply.drafts-folder=" + settings.draftsFolder()
                        + ": the mailbox has no such folder;" + " " + due.size() + " draft(s) not copied");
                due.forEach(d -> failed(d));
                return 0;
            }
            for (ReplyStore.Draft d : due) {
                current = d;
                boolean added = folder.put(DraftCopy.message(d, settings.from()));
                store.draftAppended(d.id());
                appended += added ? 1 : 0;
                LOG.fine(() -> d + (added ? ": copied to the Drafts folder" : ": already in the Drafts folder"));
            }
        } catch (MessagingException e) {
            // the rest waits for the next pass; the one in hand is counted, so a draft the server keeps refusing stops
            if (current != null) {
                failed(current);
            }
            LOG.info(() -> "the Drafts folder could not be written ("
                    + e.getClass().getSimpleName() + "); the reply sweep tries again");
        }
        return appended;
    }

    private void failed(ReplyStore.Draft d) {
        if (store.draftAppendFailed(d.id()) >= MAX_ATTEMPTS) {
            LOG.warning(() -> d + ": not copied to the Drafts folder after " + MAX_ATTEMPTS
                    + " attempts; it waits in the" + " queue for approval as before");
        }
    }
}
