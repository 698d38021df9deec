package de.dockeragents.mailer.ops.control;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a readiness change is worth a {@code mailer.degraded} event: only after the mailer was fully
 * ready once (a starting mailer is not ready yet, which is no degradation), and only for checks that
 * were not down at the last report, so a long outage is one event, not one per look.
 */
public final class Degradation {

    private boolean wasReady;
    private Set<String> reported = Set.of();

    /** The checks to report now; empty for none. Call {@link #reported} once the event is recorded. */
    public synchronized Set<String> newlyDown(Set<String> down) {
        if (down.isEmpty()) {
            wasReady = true;
            reported = Set.of();
            return Set.of();
        }
        if (!wasReady) {
            return Set.of();
        }
        Set<String> fresh = new TreeSet<>(down);
        fresh.removeAll(reported);
        if (fresh.isEmpty()) {
            // what is still down was reported; forget what came back, so it counts again when it falls
            reported = Set.copyOf(down);
        }
        return fresh;
    }

    public synchronized void reported(Set<String> down) {
        reported = Set.copyOf(down);
    }
}
