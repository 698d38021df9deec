package de.dockeragents.mailer.ops.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long the liveness checks have been failing without a break. Docker never restarts an
 * unhealthy container, so the mailer decides itself when it is time to leave: once the streak
 * reaches the limit, {@link #observe} names what failed.
 */
public final class DownStreak {

    private final Duration limit;
    private Instant since;

    public DownStreak(Duration limit) {
        this.limit = limit;
    }

    /** @return why the mailer should leave now, or {@code null}: nothing down, or not down long enough */
    public synchronized String observe(List<String> down, Instant now) {
        if (down.isEmpty() || limit.isZero()) {
            since = null;
            return null;
        }
        if (since == null) {
            since = now;
        }
        Duration length = Duration.between(since, now);
        return length.compareTo(limit) >= 0
                ? "liveness DOWN for " + length.toSeconds() + " s (limit " + limit.toSeconds() + " s): "
                        + String.join(", ", down)
                : null;
    }
}
