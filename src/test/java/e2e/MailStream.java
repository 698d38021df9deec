package e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mail arriving at a steady rate, to both mailers in turn, on a timer of its own: while the
 * harness kills and restarts parts, mail keeps coming. While our SMTP server is the part that is
 * down, mail is put straight into the mailboxes (as if delivered by another MX).
 */
final class MailStream implements AutoCloseable {

    private final Traffic traffic;
    private final List<Mailer> mailers;
    private final String tag;
    private final int limit;
    private final int pdfEvery;
    private final int draftEvery;
    private final List<Traffic.Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "e2e-mail-stream");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean smtpDown;
    /** No mail from this index on until {@link #release()}; MAX_VALUE: no hold. */
    private volatile int holdAt = Integer.MAX_VALUE;

    /** {@code limit} mails (0: until closed), one every {@code period}; every {@code pdfEvery}-th with a PDF (0: none). */
    MailStream(Traffic traffic, List<Mailer> mailers, String tag, int limit, int pdfEvery, Duration period) {
        this(traffic, mailers, tag, limit, pdfEvery, 0, period);
    }

    /** As above; and every {@code draftEvery}-th mail to each mailer asks for an AI draft (0: none). */
    MailStream(
            Traffic traffic,
            List<Mailer> mailers,
            String tag,
            int limit,
            int pdfEvery,
            int draftEvery,
            Duration period) {
        this.traffic = traffic;
        this.mailers = mailers;
        this.tag = tag;
        this.limit = limit;
        this.pdfEvery = pdfEvery;
        this.draftEvery = draftEvery;
        timer.scheduleAtFixedRate(this::next, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void next() {
        int i = count.get();
        if (i >= holdAt) {
            return;
        }
        if (limit > 0 && i >= limit) {
            done.complete(null);
            timer.shutdown();
            return;
        }
        try {
            Mailer to = mailers.get(i % mailers.size());
            var kind = pdfEvery > 0 && i % pdfEvery == pdfEvery - 1 ? Traffic.Attachment.PDF : Traffic.Attachment.NONE;
            // counted per mailer: the mailers take turns, so a plain i % draftEvery could hit one mailer only
            int round = i / mailers.size();
            var answer = draftEvery > 0 && round % draftEvery == draftEvery - 1
                    ? Traffic.Answer.DRAFT
                    : Traffic.Answer.TEMPLATE;
            sent.add(smtpDown ? traffic.deliver(to, tag, kind, answer) : traffic.send(to, tag, kind, answer));
            count.incrementAndGet();
        } catch (RuntimeException e) {
            // our SMTP server went down between the flag and the send: the next tick delivers it directly
            if (!smtpDown) {
                done.completeExceptionally(e);
                timer.shutdown();
            }
        }
    }

    /** Stops sending once {@code index} mails are sent, until {@link #release()}. */
    void holdAt(int index) {
        holdAt = index;
    }

    void release() {
        holdAt = Integer.MAX_VALUE;
    }

    void smtpDown(boolean down) {
        smtpDown = down;
    }

    List<Traffic.Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    int count() {
        return count.get();
    }

    /** Waits until the limit is sent (a stream with a limit only). */
    void awaitAll(Duration within) throws Exception {
        done.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending; returns everything sent. */
    List<Traffic.Sent> stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
