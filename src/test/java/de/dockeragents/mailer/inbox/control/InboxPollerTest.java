package de.dockeragents.mailer.inbox.control;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.junit.jupiter.api.Test;

import dev.Waits;

import de.dockeragents.mailer.mailbox.control.ImapMailbox;
import de.dockeragents.mailer.platform.control.Leases;
import de.dockeragents.mailer.platform.entity.Fence;
import de.dockeragents.mailer.platform.entity.LeaseLost;

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
        String folder() {
            return "INBOX";
        }

        @Override
        InboxPoller.Result read(ImapMailbox box, Fence fence) {
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

    /** This instance's leases, as a test sets them: held with token 1, or not. */
    static final class Held extends Leases {
        volatile boolean held = true;

        @Override
        public Optional<Fence> fence(String folder) {
            return held ? Optional.of(new Fence("folder:" + folder, 1)) : Optional.empty();
        }
    }

    @Test
    void aStandbyNeverReadsTheFolderAndALeaseLostInAPollKeepsNothingAndIsNoFailure() {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        FolderReader refused = new FolderReader() {
            @Override
            String folder() {
                return "INBOX";
            }

            @Override
            InboxPoller.Result read(ImapMailbox box, Fence fence) {
                reads.incrementAndGet();
                throw new LeaseLost(fence);
            }
        };
        InboxPoller poller = poller(refused);
        poller.connection = new ImapConnection() {
            @Override
            ImapMailbox open() {
                return null;
            }

            @Override
            void close() {
                closed.incrementAndGet();
            }
        };
        Held leases = (Held) poller.leases;

        leases.held = false;
        InboxPoller.Result standby = poller.tick();
        assertFalse(standby.ran());
        assertEquals(InboxPoller.STANDBY, standby.error());
        assertEquals(0, reads.get(), "an instance without the lease never opens the folder");
        assertTrue(closed.get() > 0, "and keeps no IMAP connection");

        leases.held = true;
        InboxPoller.Result lost = poller.tick();
        assertEquals(1, reads.get());
        assertFalse(lost.ran(), "a poll whose writes the fence refused counts as not run");
        assertEquals(InboxPoller.STANDBY, lost.error());
        assertEquals(0, poller.status.consecutiveFailures(), "losing the lease is no IMAP or database failure");
        assertFalse(poller.connection.waiting(), "and starts no back-off");
    }

    static InboxPoller poller(FolderReader reader) {
        InboxPoller p = new InboxPoller();
        p.leases = new Held();
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
