package de.dockeragents.mailer.inbox.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import de.dockeragents.mailer.inbox.control.InboxMetrics.FailReason;
import de.dockeragents.mailer.platform.control.Coalescing;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseChanged;
import de.dockeragents.mailer.platform.entity.LeaseLost;

/**
 * One poll of the mailbox at a time, and what a failed one means: safe to call from the timer and on
 * demand at once (a second caller finds the poll running and returns, or waits for it); an IMAP
 * failure drops the connection, and either failure backs off before the next try, which starts again
 * from the stored position. New mail announced by IMAP IDLE asks for a poll through {@link #wake()}: such
 * requests coalesce with each other and wait for a running poll, so the folder is never fetched twice at once.
 * Only the instance that holds the folder's lease polls ({@link Leases}); on the others a poll is skipped
 * ({@link #STANDBY}) and the IMAP connection closed, and the one that takes the lease over polls at once.
 */
@ApplicationScoped
public class InboxPoller {

    private static final Logger LOG = Logger.getLogger(InboxPoller.class.getName());
    private static final Duration ON_DEMAND_WAIT = Duration.ofSeconds(60);
    /** Why a poll did not run on an instance that stands by. */
    public static final String STANDBY = "standby: another instance holds the folder's lease";

    /**
     * What one poll did, for the ops endpoint and the tests; {@code millis} is the poll's own time on
     * the server, from taking the lock to the last commit (what a benchmark reports).
     */
    public record Result(
            boolean ran,
            int fetched,
            int stored,
            int duplicates,
            int parseErrors,
            int tooLarge,
            String error,
            long millis) {

        static Result skipped(String why) {
            return new Result(false, 0, 0, 0, 0, 0, why, 0);
        }

        Result took(long nanos) {
            return new Result(ran, fetched, stored, duplicates, parseErrors, tooLarge, error, nanos / 1_000_000);
        }
    }

    @Inject
    ImapConnection connection;

    @Inject
    FolderReader reader;

    @Inject
    InboxMetrics metrics;

    @Inject
    InboxStatus status;

    @Inject
    Leases leases;

    @Resource
    ManagedExecutorService executor;

    private final ReentrantLock running = new ReentrantLock();

    private final Coalescing soon = new Coalescing(this::pollAfterWake);

    /** The timer's entry: honours the reconnect back-off. */
    public Result tick() {
        status.ticked();
        if (connection.waiting()) {
            return Result.skipped("waiting to reconnect");
        }
        if (!running.tryLock()) {
            return Result.skipped("a poll is already running");
        }
        return pollLocked();
    }

    /**
     * The server announced new mail: a poll soon, off the caller's thread. Asked again while it runs, one
     * more poll follows (the running one may have looked before the new mail was there), never more.
     */
    public void wake() {
        try {
            soon.request(executor);
        } catch (RuntimeException e) {
            // the executor refuses while the application stops; the poll timer is the safety net anyway
        }
    }

    /**
     * The kept connection may have died unnoticed (the same outage the IDLE connection just came back from):
     * a failed poll closed it, so one more try runs on a fresh one instead of leaving the mail to the timer.
     */
    private void pollAfterWake() {
        Result r = poll();
        if (r.ran() && r.error() != null) {
            poll();
        }
    }

    /**
     * A poll on demand: waits for a running poll to end, then polls, so everything that arrived
     * before the call has been looked at when it returns.
     */
    public Result poll() {
        try {
            if (!running.tryLock(ON_DEMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return Result.skipped("a poll is still running after " + ON_DEMAND_WAIT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.skipped("interrupted");
        }
        return pollLocked();
    }

    /** This instance took the folder over: whatever arrived since the last holder's last poll, now. */
    void leaseChanged(@Observes LeaseChanged change) {
        if (change.held() && change.folder().equals(reader.folder())) {
            wake();
        }
    }

    private Result pollLocked() {
        Optional<Fence> fence = leases.fence(reader.folder());
        if (fence.isEmpty()) {
            try {
                status.standingBy();
                connection.close();
            } finally {
                running.unlock();
            }
            return Result.skipped(STANDBY);
        }
        long start = System.nanoTime();
        try {
            Result r = reader.read(connection.open(), fence.get());
            status.succeeded();
            connection.succeeded();
            return r.took(System.nanoTime() - start);
        } catch (LeaseLost e) {
            // paused past the lease, and another instance has taken over: nothing of this poll was kept
            LOG.warning(() -> "poll stopped: " + e.getMessage());
            connection.close();
            return Result.skipped(STANDBY).took(System.nanoTime() - start);
        } catch (MessagingException | RuntimeException e) {
            return failed(e).took(System.nanoTime() - start);
        } finally {
            metrics.polled(Duration.ofNanos(System.nanoTime() - start));
            running.unlock();
        }
    }

    private Result failed(Exception e) {
        boolean imap = e instanceof MessagingException;
        if (imap) {
            connection.close();
            metrics.failed(FailReason.IMAP_ERROR);
        } else {
            metrics.failed(FailReason.STORE_ERROR);
        }
        status.failed(e.getClass().getSimpleName());
        Duration wait = connection.failed(status.consecutiveFailures());
        String what = imap ? "IMAP" : "storing";
        LOG.log(
                Level.WARNING,
                "poll failed (" + what + "), attempt " + status.consecutiveFailures() + ", next try in "
                        + wait.toSeconds() + "s: " + ErrorText.describe(e, imap));
        return new Result(true, 0, 0, 0, 0, 0, e.getClass().getSimpleName(), 0);
    }

    public void disconnect() {
        connection.close();
    }
}
