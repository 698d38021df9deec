package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.inbox.control.InboxMetrics.IdleFallback;
import de.dockeragents.mailer.inbox.control.InboxStatus.Idle;
import de.dockeragents.mailer.mailbox.control.IdleFolder;
import de.dockeragents.mailer.mailbox.control.ImapSettings;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.LeaseChanged;

/**
 * Waits for new mail with IMAP IDLE on a connection of its own and asks the poller for a fetch as soon as
 * the server announces some, so mail is stored in about a second instead of up to a poll interval later.
 * The IDLE is renewed (with a NOOP) every {@code mailer.imap.idle-renew}, before the server ends it; a lost
 * connection is opened again after 1, 2, 4 … seconds (at most five minutes). Where the server lacks IDLE,
 * or while it fails, the poll alone finds new mail, as it always does behind IDLE. One long-running
 * thread from the container's thread factory, not one of the shared executor's. Only the instance that holds
 * the folder's lease waits with IDLE: a standby keeps no connection and looks every second whether it took
 * the lease over; losing it closes the connection.
 */
@ApplicationScoped
public class IdleWatch {

    private static final Logger LOG = Logger.getLogger(IdleWatch.class.getName());

    @Inject
    ImapSettings imap;

    @Inject
    InboxSettings settings;

    @Inject
    InboxStatus status;

    @Inject
    InboxMetrics metrics;

    @Inject
    InboxPoller poller;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private static final Duration STANDBY_CHECK = Duration.ofSeconds(1);

    @Inject
    Leases leases;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger failures = new AtomicInteger();
    private volatile IdleFolder current;
    private Thread thread;

    /** Starts waiting, unless {@code mailer.imap.idle=off}; once. */
    public synchronized void start() {
        if (settings.idle() == InboxSettings.Idle.OFF) {
            status.idle(Idle.OFF, null);
            return;
        }
        if (thread == null) {
            thread = threads.newThread(this::run);
            thread.setName("imap-idle");
            thread.start();
        }
    }

    private void run() {
        while (!stopped()) {
            if (!holder()) {
                status.idle(Idle.STANDBY, null);
                if (!pause(STANDBY_CHECK)) {
                    return;
                }
                continue;
            }
            try (IdleFolder folder = IdleFolder.open(imap)) {
                if (!folder.supportsIdle()) {
                    status.idle(Idle.UNSUPPORTED, null);
                    metrics.idleFallback(IdleFallback.UNSUPPORTED);
                    LOG.info(() -> "the IMAP server does not offer IDLE: new mail is found by the poll alone, every "
                            + settings.pollInterval().toSeconds() + "s");
                    return;
                }
                idle(folder);
            } catch (MessagingException | RuntimeException e) {
                if (stopped()) {
                    return;
                }
                if (holder() && !waitAfter(e)) {
                    return;
                }
            }
        }
    }

    private boolean holder() {
        return leases.holds(imap.folder());
    }

    /** Another instance took the folder over: this one's IDLE ends (closing the connection returns the waiting thread). */
    void leaseChanged(@Observes LeaseChanged change) {
        IdleFolder folder = current;
        if (!change.held() && folder != null) {
            folder.close();
        }
    }

    /** False when stopped meanwhile. */
    private boolean pause(Duration d) {
        try {
            return !stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void idle(IdleFolder folder) throws MessagingException {
        long renew = settings.idleRenew().toMillis();
        current = folder;
        ScheduledFuture<?> renewal =
                scheduler.scheduleWithFixedDelay(() -> renew(folder), renew, renew, TimeUnit.MILLISECONDS);
        try {
            status.idle(Idle.ACTIVE, null);
            if (failures.get() > 0) {
                LOG.info("IMAP IDLE connected again");
            }
            poller.wake(); // whatever arrived while nobody waited
            while (!stopped() && holder()) {
                if (folder.await()) {
                    failures.set(0);
                    metrics.idleWakeup();
                    poller.wake();
                }
            }
        } finally {
            renewal.cancel(false);
            current = null;
        }
    }

    /** Ends the IDLE with a NOOP: the waiting thread issues it again. No answer: the connection is dead. */
    private void renew(IdleFolder folder) {
        try {
            folder.noop();
            failures.set(0);
            metrics.idleRenewed();
        } catch (MessagingException | RuntimeException e) {
            LOG.warning("the IMAP IDLE connection did not answer a NOOP: " + ErrorText.describe(e, true));
            folder.close(); // the waiting thread fails and connects again
        }
    }

    /** After a failed IDLE connection: polling only for a back-off; false when stopped meanwhile. */
    private boolean waitAfter(Exception e) {
        int attempt = failures.incrementAndGet();
        status.idle(Idle.RECONNECTING, e.getClass().getSimpleName());
        metrics.idleFallback(IdleFallback.FAILED);
        Duration wait = ImapConnection.backoff(attempt);
        LOG.log(
                Level.WARNING,
                "IMAP IDLE failed, attempt " + attempt + "; the poll alone finds new mail until it connects again in "
                        + wait.toSeconds() + "s: " + ErrorText.describe(e, true));
        return pause(wait);
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    /** On shutdown: ends the IDLE (closing its connection returns the waiting thread). */
    @PreDestroy
    void stop() {
        stop.countDown();
        IdleFolder folder = current;
        if (folder != null) {
            folder.close();
        }
    }
}
