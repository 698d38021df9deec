package de.dockeragents.mailer.triage.control;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Feeds mail ids to the classifier without blocking the caller and without a thread of its own:
 * at most {@code permits} are in flight (Ollama's slots plus the bulkhead's small queue, so the
 * model is never idle and the bulkhead never overflows); each finished one starts the next.
 * An id already queued or running is not taken twice. Mail offered for later (history from the initial
 * import) waits until no other mail does, and fills at most half the capacity, so new mail is never stuck
 * behind a mailbox's past. The queues live in memory only: the database is the durable queue (mail without
 * a classification), which the sweep offers again after a restart.
 */
public final class Dispatcher {

    private record Job(long id, boolean again) {}

    private final Semaphore permits;
    private final int capacity;
    private final Work work;

    /**
     * One mail's work. It calls {@code slotFree} as soon as it no longer needs its place at the
     * model (the answer is in), so the next mail can ask while this one is still being stored;
     * the id stays taken until the returned stage completes.
     */
    @FunctionalInterface
    public interface Work {
        CompletionStage<?> start(long id, boolean again, Runnable slotFree);
    }

    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> later = new ConcurrentLinkedQueue<>();
    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queued = new AtomicInteger();
    private final ThreadLocal<Boolean> pumping = new ThreadLocal<>();

    /** {@code work} gets the mail id and whether it is a re-classification. */
    public Dispatcher(int permits, int capacity, BiFunction<Long, Boolean, CompletionStage<?>> work) {
        this(permits, capacity, (Work) (id, again, slotFree) -> work.apply(id, again));
    }

    public Dispatcher(int permits, int capacity, Work work) {
        this.permits = new Semaphore(permits);
        this.capacity = capacity;
        this.work = work;
    }

    /** False when the id is already known or the queue is full (the sweep will offer it again). */
    public boolean offer(long id, boolean again) {
        if (queued.get() >= capacity || !known.add(id)) {
            return false;
        }
        queued.incrementAndGet();
        queue.add(new Job(id, again));
        pump();
        return true;
    }

    /** Like {@link #offer}, in the lane that waits for the other; false also when it is half the capacity. */
    public boolean offerLater(long id) {
        if (queued.get() >= capacity / 2 || !known.add(id)) {
            return false;
        }
        queued.incrementAndGet();
        later.add(new Job(id, false));
        pump();
        return true;
    }

    /** Whether the id is queued or being worked on. */
    public boolean knows(long id) {
        return known.contains(id);
    }

    public int queued() {
        return queued.get();
    }

    public int free() {
        return Math.max(0, capacity - queued.get());
    }

    private void pump() {
        if (pumping.get() != null) {
            return; // a stage completed inline inside the loop below: the loop goes on
        }
        pumping.set(Boolean.TRUE);
        try {
            drain();
        } finally {
            pumping.remove();
        }
    }

    private void drain() {
        while ((!queue.isEmpty() || !later.isEmpty()) && permits.tryAcquire()) {
            Job next = queue.poll();
            Job job = next != null ? next : later.poll();
            if (job == null) {
                permits.release();
                return;
            }
            queued.decrementAndGet();
            AtomicBoolean released = new AtomicBoolean();
            Runnable slotFree = () -> {
                if (released.compareAndSet(false, true)) {
                    permits.release();
                    pump();
                }
            };
            CompletionStage<?> stage;
            try {
                stage = work.start(job.id(), job.again(), slotFree);
            } catch (RuntimeException e) {
                known.remove(job.id());
                slotFree.run();
                continue;
            }
            stage.whenComplete((r, e) -> {
                known.remove(job.id());
                slotFree.run();
            });
        }
    }
}
