package de.dockeragents.mailer.platform.control;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pass on an executor when asked, one pass at a time, and coalesces requests: asked ten
 * times while a pass runs, it runs once more afterwards, not ten times, and never misses a request
 * that came in during a pass (that pass may have read the database before the new work was there).
 */
public final class Coalescing {

    private final AtomicInteger asked = new AtomicInteger();
    private final Runnable pass;

    public Coalescing(Runnable pass) {
        this.pass = pass;
    }

    /** Asks for a pass soon; returns at once. Only the caller that finds nobody draining starts one. */
    public void request(Executor executor) {
        if (asked.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                asked.set(0); // the executor refused (shutting down): the next request tries again
                throw e;
            }
        }
    }

    private void drain() {
        int seen;
        do {
            seen = asked.get();
            try {
                pass.run();
            } catch (RuntimeException e) {
                // the pass reports its own failures; a failed pass must not stop the draining
            }
        } while (asked.addAndGet(-seen) > 0);
    }
}
