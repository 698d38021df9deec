package de.dockeragents.mailer.attachment.boundary;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands stored mail to the attachment pipeline on threads of its own, so scanning overlaps with
 * fetching and storing the next batch. Bounded by bytes: when that much raw mail waits, the inbox
 * waits too, so memory stays bounded. Losing the queue loses nothing: the mail is committed, and
 * the attachment retry timer catches up on mail whose attachments were never extracted.
 */
@ApplicationScoped
public class AttachmentQueue {

    private static final Logger LOG = Logger.getLogger(AttachmentQueue.class.getName());
    /**
     * Raw mail waiting for the scanner, at most: 32 MB, or a sixteenth of the heap if that is less.
     * Every waiting byte is live heap while a poll runs; with the shipped 112 MB heap a 32 MB queue
     * left the collector so little room that most of a 1,000-mail poll went to full GCs
     * (docs/benchmarks.md). The scanner needs only the next mail at hand, not a long queue.
     */
    static final int MAX_WAITING_BYTES =
            (int) Math.min(32L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16);

    static final int SCANNERS = 4;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    AttachmentProcessor processor;

    private final Semaphore budget = new Semaphore(MAX_WAITING_BYTES);
    private volatile ExecutorService worker;

    /** Queues one mail; blocks while too much raw mail waits already. Never throws for the mail's sake. */
    public void submit(long mailId, OffsetDateTime received, byte[] raw) {
        int cost = Math.min(raw.length, MAX_WAITING_BYTES);
        try {
            budget.acquire(cost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the retry timer catches up
        }
        try {
            worker().execute(() -> {
                try {
                    processor.process(mailId, received, new ByteArrayInputStream(raw));
                } finally {
                    budget.release(cost);
                }
            });
        } catch (RuntimeException e) {
            budget.release(cost);
            LOG.warning(() -> "attachments of mail " + mailId + " left to the retry timer: "
                    + e.getClass().getSimpleName());
        }
    }

    /** True when nothing waits or runs: for tests and the benchmark. */
    public boolean idle() {
        return budget.availablePermits() == MAX_WAITING_BYTES;
    }

    private ExecutorService worker() {
        ExecutorService w = worker;
        if (w == null) {
            synchronized (this) {
                if (worker == null) {
                    // four scanner threads: most of a scan is waiting for clamd's answer (3.6 s of a 9 s
                    // 1,000-mail ingest, JFR), which on a busy machine comes late; the others meanwhile read
                    // their mail. With one thread 1,000 mails were stored at 79/s and scanned at 57/s; with
                    // two 0.87-0.92 of the rows' pace, but only 0.57-0.64 once the poll fetched ahead; with
                    // four 0.92-0.94 (docs/benchmarks.md). Mail of different ids never meet (each is claimed
                    // in the database), and the byte budget still bounds the raw mail held: one as large as
                    // the budget takes all of it, so it runs alone.
                    worker = new ThreadPoolExecutor(
                            SCANNERS, SCANNERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
                }
                w = worker;
            }
        }
        return w;
    }

    @PreDestroy
    void stop() {
        ExecutorService w = worker;
        if (w != null) {
            w.shutdownNow();
        }
    }
}
