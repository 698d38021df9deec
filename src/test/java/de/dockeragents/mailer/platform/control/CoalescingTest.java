package de.dockeragents.mailer.platform.control;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescingTest {

    @Test
    void requestsDuringAPassGiveExactlyOneMorePass() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch inFirstPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoPasses = new CountDownLatch(2);
        Coalescing c = new Coalescing(() -> {
            if (passes.incrementAndGet() == 1) {
                inFirstPass.countDown();
                await(release);
            }
            twoPasses.countDown();
        });
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            c.request(executor);
            assertTrue(inFirstPass.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 10; i++) {
                c.request(executor); // the work these stand for arrived after the running pass read it
            }
            release.countDown();
            assertTrue(twoPasses.await(5, TimeUnit.SECONDS), "a second pass runs for the requests during the first");
            executor.shutdown();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals(2, passes.get(), "ten requests during one pass coalesce into one more pass");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aFailingPassDoesNotStopLaterRequests() {
        AtomicInteger passes = new AtomicInteger();
        Coalescing c = new Coalescing(() -> {
            passes.incrementAndGet();
            throw new IllegalStateException("the mailbox is down");
        });
        c.request(Runnable::run);
        c.request(Runnable::run);
        assertEquals(2, passes.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
