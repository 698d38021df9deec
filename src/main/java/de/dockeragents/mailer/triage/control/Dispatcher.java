package de.dockeragents.mailer.triage.control;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The model's one queue: feeds work to Ollama without blocking the caller and without a thread of its
 * own. At most {@code permits} requests are in flight (Ollama's slots plus the bulkhead's small queue, so
 * the model is never idle and the bulkhead never overflows); each finished one starts the next.
 * <p>
 * Three lanes, taken in this order whenever a place at the model is free: the classification of new
 * mail (and re-classification), then AI drafts, then the classification of mail from the mailbox's
 * history. So a draft never takes a classification's place at the model (and never makes the bulkhead
 * refuse one), and new mail is never stuck behind a mailbox's past. A mail id already queued or running
 * in a lane is not taken twice there. History fills at most half the capacity; drafts, which carry a
 * little more than an id, at most a tenth (at least ten).
 * <p>
 * The queues live in memory only: the database is the durable queue (mail without a classification,
 * a reply plan without a decision), which the sweeps offer again after a restart.
 */
public final class Dispatcher {

    private record Job(long id, boolean again, Work work, Set<Long> known, AtomicInteger count) {}

    private final Semaphore permits;
    private final int capacity;
    private final int draftCapacity;
    private final Work classify;

    /**
     * One piece of work. It calls {@code slotFree} as soon as it no longer needs its place at the
     * model (the answer is in), so the next one can ask while this one is still being stored;
     * the id stays taken until the returned stage completes.
     */
    @FunctionalInterface
    public interface Work {
        CompletionStage<?> start(long id, boolean again, Runnable slotFree);
    }

    private final ConcurrentLinkedQueue<Job> now = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> drafts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> later = new ConcurrentLinkedQueue<>();
    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final Set<Long> knownDrafts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger draftsQueued = new AtomicInteger();
    private final ThreadLocal<Boolean> pumping = new ThreadLocal<>();

    /** {@code classify} gets the mail id and whether it is a re-classification. */
    public Dispatcher(int permits, int capacity, BiFunction<Long, Boolean, CompletionStage<?>> classify) {
        this(permits, capacity, (Work) (id, again, slotFree) -> classify.apply(id, again));
    }

    public Dispatcher(int permits, int capacity, Work classify) {
        this.permits = new Semaphore(permits);
        this.capacity = capacity;
        this.draftCapacity = Math.max(10, capacity / 10);
        this.classify = classify;
    }

    /** False when the id is already known or the queue is full (the sweep will offer it again). */
    public boolean offer(long id, boolean again) {
        return add(now, new Job(id, again, classify, known, queued), capacity);
    }

    /** Like {@link #offer}, in the lane that waits for the others; false also when it is half the capacity. */
    public boolean offerLater(long id) {
        return add(later, new Job(id, false, classify, known, queued), capacity / 2);
    }

    /**
     * An AI draft for this mail: {@code work} runs when no new mail waits for the model. False when a
     * draft for the mail is already queued or running here, or the drafts' lane is full.
     */
    public boolean offerDraft(long mailId, Work work) {
        return add(drafts, new Job(mailId, false, work, knownDrafts, draftsQueued), draftCapacity);
    }

    private boolean add(Queue<Job> lane, Job job, int limit) {
        if (job.count().get() >= limit || !job.known().add(job.id())) {
            return false;
        }
        job.count().incrementAndGet();
        lane.add(job);
        pump();
        return true;
    }

    /** Whether the mail's classification is queued or being worked on. */
    public boolean knows(long id) {
        return known.contains(id);
    }

    /** Whether a draft for the mail is queued or being worked on. */
    public boolean draftWaits(long mailId) {
        return knownDrafts.contains(mailId);
    }

    /** Classifications waiting (both lanes). */
    public int queued() {
        return queued.get();
    }

    /** Drafts waiting. */
    public int draftsQueued() {
        return draftsQueued.get();
    }

    /** Room left for classifications. */
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

    private Job next() {
        Job job = now.poll();
        if (job == null) {
            job = drafts.poll();
        }
        return job != null ? job : later.poll();
    }

    private void drain() {
        while ((!now.isEmpty() || !drafts.isEmpty() || !later.isEmpty()) && permits.tryAcquire()) {
            Job job = next();
            if (job == null) {
                permits.release();
                return;
            }
            job.count().decrementAndGet();
            AtomicBoolean released = new AtomicBoolean();
            Runnable slotFree = () -> {
                if (released.compareAndSet(false, true)) {
                    permits.release();
                    pump();
                }
            };
            CompletionStage<?> stage;
            try {
                stage = job.work().start(job.id(), job.again(), slotFree);
            } catch (RuntimeException e) {
                job.known().remove(job.id());
                slotFree.run();
                continue;
            }
            stage.whenComplete((r, e) -> {
                job.known().remove(job.id());
                slotFree.run();
            });
        }
    }
}
