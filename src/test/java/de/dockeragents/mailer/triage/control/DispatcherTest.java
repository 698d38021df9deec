package de.dockeragents.mailer.triage.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatcherTest {

    @Test
    void neverMoreInFlightThanPermitsAndEveryIdOnce() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Set<Long> done = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Object>> pending = new ArrayList<>();
        Dispatcher d = new Dispatcher(3, 1000, (id, again) -> {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Object> f = new CompletableFuture<>();
            done.add(id);
            synchronized (pending) {
                pending.add(f);
            }
            return f;
        });
        for (long i = 0; i < 100; i++) {
            assertTrue(d.offer(i, false));
        }
        assertFalse(d.offer(5, false), "an id waiting already is not taken twice");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while ((done.size() < 100 || inFlight.get() > 0) && Instant.now().isBefore(deadline)) {
            CompletableFuture<Object> next;
            synchronized (pending) {
                next = pending.isEmpty() ? null : pending.remove(0);
            }
            if (next != null) {
                inFlight.decrementAndGet();
                next.complete(null);
            }
        }
        assertEquals(100, done.size());
        assertEquals(3, max.get());
        assertEquals(0, d.queued());
    }

    @Test
    void inlineCompletionAndFailuresDoNotRecurseOrLeak() {
        AtomicInteger runs = new AtomicInteger();
        Dispatcher d = new Dispatcher(2, 100_000, (id, again) -> {
            runs.incrementAndGet();
            if (id % 2 == 0) {
                throw new IllegalStateException("boom");
            }
            return CompletableFuture.completedFuture(null);
        });
        for (long i = 0; i < 50_000; i++) {
            d.offer(i, false);
        }
        assertEquals(50_000, runs.get());
        assertEquals(0, d.queued());
        assertTrue(d.offer(1, false), "finished ids can come again");
    }

    @Test
    void aFullQueueRefuses() {
        Dispatcher d = new Dispatcher(1, 10, (id, again) -> new CompletableFuture<>());
        int taken = 0;
        for (long i = 0; i < 20; i++) {
            taken += d.offer(i, false) ? 1 : 0;
        }
        assertEquals(11, taken, "one running, ten waiting");
        assertEquals(0, d.free());
    }

    @Test
    void mailOfferedForLaterWaitsUntilNoOtherMailWaitsAndFillsAtMostHalfTheQueue() {
        List<Long> started = new ArrayList<>();
        List<CompletableFuture<Object>> running = new ArrayList<>();
        Dispatcher d = new Dispatcher(1, 6, (id, again) -> {
            started.add(id);
            CompletableFuture<Object> f = new CompletableFuture<>();
            running.add(f);
            return f;
        });
        assertTrue(d.offer(100, false));
        assertTrue(d.offerLater(1));
        assertTrue(d.offerLater(2));
        assertTrue(d.offerLater(3));
        assertFalse(d.offerLater(4), "history fills at most half the capacity");
        assertTrue(d.offer(5, false), "new mail still has room");
        for (int i = 0; i < 4; i++) {
            running.get(i).complete(null); // the slot is free: the next one starts
        }
        assertEquals(List.of(100L, 5L, 1L, 2L, 3L), started, "new mail before the history, whenever it came");
    }

    @Test
    void draftsComeAfterNewMailAndBeforeTheHistoryAndNeverMoreThanThePermitsInFlight() {
        List<String> started = new ArrayList<>();
        List<CompletableFuture<Object>> running = new ArrayList<>();
        Dispatcher d = new Dispatcher(2, 100, (id, again) -> {
            started.add("classify " + id);
            CompletableFuture<Object> f = new CompletableFuture<>();
            running.add(f);
            return f;
        });
        Dispatcher.Work draft = (id, again, slotFree) -> {
            started.add("draft " + id);
            CompletableFuture<Object> f = new CompletableFuture<>();
            running.add(f);
            return f;
        };
        assertTrue(d.offer(1, false));
        assertTrue(d.offer(2, false));
        assertTrue(d.offerLater(3));
        assertTrue(d.offerDraft(1, draft), "a draft for a mail whose classification is still running");
        assertFalse(d.offerDraft(1, draft), "one draft per mail at a time");
        assertTrue(d.offer(4, false));
        assertTrue(d.knows(1) && d.draftWaits(1));
        assertEquals(List.of("classify 1", "classify 2"), started, "two permits: two in flight");
        running.get(0).complete(null);
        running.get(1).complete(null);
        running.get(2).complete(null);
        assertEquals(List.of("classify 1", "classify 2", "classify 4", "draft 1", "classify 3"), started);
        assertFalse(d.knows(1), "classification done");
        assertTrue(d.draftWaits(1), "its draft still running");
        running.get(3).complete(null);
        assertFalse(d.draftWaits(1));
        assertEquals(100, d.free(), "drafts take no room from the classification");
    }

    @Test
    void theDraftsLaneHoldsATenthOfTheCapacity() {
        Dispatcher d = new Dispatcher(1, 200, (id, again) -> new CompletableFuture<>());
        Dispatcher.Work draft = (id, again, slotFree) -> new CompletableFuture<>();
        int taken = 0;
        for (long i = 0; i < 50; i++) {
            taken += d.offerDraft(i, draft) ? 1 : 0;
        }
        assertEquals(21, taken, "one running, twenty waiting");
        assertEquals(20, d.draftsQueued());
        assertTrue(d.offer(1, false), "classification still has room");
    }
}
