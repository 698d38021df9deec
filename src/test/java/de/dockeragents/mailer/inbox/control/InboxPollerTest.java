package de.dockeragents.mailer.inbox.control;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.junit.jupiter.api.Test;

import dev.Waits;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDLE wake-ups and the poll timer share one fetch at a time, and a wake-up during a poll is never lost. */
class InboxPollerTest {

    /** Counts passes and how many run at once; the first one waits until released. */
    static final class Reader extends FolderReader {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        InboxPoller.Result read(ImapMailbox box) {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                if (passes.incrementAndGet() == 1) {
                    firstEntered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return new InboxPoller.Result(true, 0, 0, 0, 0, 0, null, 0);
        }
    }

    @Test
    void wakeUpsDuringAPollCoalesceIntoOneMoreAndTheTimerNeverRunsASecondFetchBeside() throws Exception {
        Reader reader = new Reader();
        InboxPoller poller = poller(reader);

        Thread first = new Thread(poller::poll, "poll-on-demand");
        first.start();
        assertTrue(reader.firstEntered.await(30, TimeUnit.SECONDS));

        poller.wake();
        poller.wake();
        poller.wake();
        InboxPoller.Result tick = poller.tick();
        assertFalse(tick.ran(), "the timer finds a fetch running and leaves it");

        reader.release.countDown();
        first.join(30_000);
        Waits.until(Duration.ofSeconds(30), "a pass after the running one", () -> reader.passes.get() >= 2);
        Waits.until(Duration.ofSeconds(30), "the wake-ups are drained", () -> reader.inside.get() == 0);
        assertEquals(1, reader.mostAtOnce.get(), "never two fetches of the folder at once");
        assertTrue(reader.passes.get() <= 3, "three wake-ups during one poll: one or two more passes, not three");
    }

    static InboxPoller poller(FolderReader reader) {
        InboxPoller p = new InboxPoller();
        p.reader = reader;
        p.status = new InboxStatus();
        p.connection = new ImapConnection() {
            @Override
            ImapMailbox open() {
                return null;
            }

            @Override
            void close() {}
        };
        p.metrics = new InboxMetrics() {
            @Override
            public void polled(Duration took) {}
        };
        // the container's executor, here: each task on a thread of its own
        p.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                InboxPollerTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    new Thread((Runnable) args[0], "wake").start();
                    return null;
                });
        return p;
    }
}
