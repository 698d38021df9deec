package de.dockeragents.mailer.triage.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.mailbox.control.MailboxLabels;
import de.dockeragents.mailer.platform.control.Coalescing;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.control.StartupState;

/**
 * Shows triage where staff work: classified mail gets its category and priority as labels in the
 * mailbox (see {@link MailboxLabels}). The database says what is due ({@link LabelStore}); a pass
 * runs soon after every classification and on the triage sweep, so a mailbox that was unreachable
 * catches up. A mail the server keeps refusing is given up after {@value #MAX_ATTEMPTS} tries. With several
 * instances of a mailer, one pass runs at a time across all of them ({@link Leases#exclusive}): two at once
 * would both copy a mail into the same label folder.
 */
@ApplicationScoped
public class Labeling {

    private static final Logger LOG = Logger.getLogger(Labeling.class.getName());
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 50;
    /** The longest a pass may take before another instance may start one (this one died in it). */
    private static final java.time.Duration PASS_MAX = java.time.Duration.ofMinutes(10);

    private static final Metadata LABELLED = Metadata.builder()
            .withName("mail_labels")
            .withDescription(
                    "Mail labelled in the mailbox, by result (applied, gone: no longer in the mailbox, failed)")
            .build();

    @Inject
    LabelSettings settings;

    @Inject
    ImapSettings imap;

    @Inject
    LabelStore store;

    @Inject
    StartupState state;

    @Inject
    Leases leases;

    @Inject
    MetricRegistry registry;

    @Resource
    ManagedExecutorService executor;

    private final Coalescing soon = new Coalescing(this::applyPending);
    private final ReentrantLock pass = new ReentrantLock();
    /** The mailbox showed it has neither labels nor keywords; not asked again until a restart. */
    private volatile boolean noLabels;

    @PostConstruct
    void init() {
        for (String result : List.of("applied", "gone", "failed")) {
            registry.counter(LABELLED, new Tag("result", result));
        }
    }

    /** A mail was classified or changed: label it soon, off the caller's thread. */
    public void soon() {
        if (settings.enabled()) {
            soon.request(executor);
        }
    }

    /** Labels what is due, page by page; returns how many mails got their labels now. */
    public int applyPending() {
        if (!settings.enabled() || !state.started()) {
            return 0;
        }
        pass.lock();
        try {
            return leases.exclusive("labels", PASS_MAX, this::labelPages).orElse(0);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "labelling mail failed: " + e.getClass().getSimpleName() + "; the triage sweep tries again");
            return 0;
        } finally {
            pass.unlock();
        }
    }

    private int labelPages() {
        int done = 0;
        List<LabelStore.Pending> due;
        do {
            due = store.pending(settings.maxAge(), MAX_ATTEMPTS, BATCH);
            if (due.isEmpty()) {
                return done;
            }
            int labelled = visit(due);
            if (labelled < 0) {
                return done;
            }
            done += labelled;
        } while (due.size() == BATCH);
        return done;
    }

    /** One mailbox visit for a page of mail; -1 when the mailbox cannot be used now. */
    private int visit(List<LabelStore.Pending> due) {
        if (noLabels) {
            return nothingToShow(due);
        }
        int done = 0;
        try (MailboxLabels mailbox = MailboxLabels.open(imap, settings.mode())) {
            if (mailbox.kind() == MailboxLabels.Kind.NONE) {
                noLabels = true;
                LOG.warning("mailer.labels.mode=auto: the mailbox has neither Gmail labels nor IMAP keywords;"
                        + " triage is not shown in the mailbox (set mailer.labels.mode=folders to use label folders)");
                return nothingToShow(due);
            }
            for (LabelStore.Pending p : due) {
                done += label(mailbox, p) ? 1 : 0;
            }
            return done;
        } catch (MessagingException e) {
            LOG.info(() -> "the mailbox could not be reached for labels ("
                    + e.getClass().getSimpleName() + "); the triage sweep tries again");
            return -1;
        }
    }

    /** The mailbox cannot show labels: the mail is settled without a visit (asked again after a restart). */
    private int nothingToShow(List<LabelStore.Pending> due) {
        due.forEach(p -> store.applied(p.mailId(), p.wanted()));
        return due.size();
    }

    private boolean label(MailboxLabels mailbox, LabelStore.Pending p) throws MessagingException {
        try {
            boolean there = relabel(mailbox, p);
            store.applied(p.mailId(), p.wanted());
            count(there ? "applied" : "gone");
            if (!there) {
                LOG.fine(() -> p + " is no longer in the mailbox; not labelled");
            }
            return there;
        } catch (FolderClosedException | StoreClosedException e) {
            throw e; // the connection is gone, not this mail's fault: the rest waits for the next pass
        } catch (MessagingException | RuntimeException e) {
            count("failed");
            if (store.failed(p.mailId()) >= MAX_ATTEMPTS) {
                LOG.warning(() -> p + ": not labelled after " + MAX_ATTEMPTS + " attempts ("
                        + e.getClass().getSimpleName() + "); it stays without labels");
            }
            return false;
        }
    }

    /** The labels of the mail's classification on, those of what the mailbox shows now (if any) off. */
    private boolean relabel(MailboxLabels mailbox, LabelStore.Pending p) throws MessagingException {
        LabelNames names = settings.names();
        boolean folders = mailbox.kind() == MailboxLabels.Kind.FOLDERS;
        List<String> add = folders
                ? names.folders(p.category(), p.priority(), mailbox.separator())
                : names.keywords(p.category(), p.priority());
        List<String> remove = new ArrayList<>();
        String[] shown = p.shown();
        if (shown != null) {
            remove.addAll(
                    folders
                            ? names.folders(shown[0], shown[1], mailbox.separator())
                            : names.keywords(shown[0], shown[1]));
            remove.removeAll(add);
        }
        return mailbox.relabel(
                new MailboxLabels.Mail(p.folder(), p.uidValidity(), p.uid(), p.messageId()), add, remove);
    }

    private void count(String result) {
        registry.counter(LABELLED, new Tag("result", result)).inc();
    }
}
