package dev;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: the only way tests here wait. */
public final class Waits {

    private Waits() {}

    public static void until(Duration within, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    public static <T> T until(Duration within, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(within);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what + " (last: " + last + ")");
            }
            pause(Duration.ofMillis(100));
            last = value.get();
        }
        return last;
    }

    /** The pause between two looks at a condition. */
    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
