package dev;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests: check a condition until it holds or a deadline passes, never a fixed sleep. */
public final class Poll {

    private static final long INTERVAL_MS = 25;

    private Poll() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, String failure) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(failure + " (waited " + timeout.toSeconds() + " s)");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + failure, e);
            }
        }
    }
}
