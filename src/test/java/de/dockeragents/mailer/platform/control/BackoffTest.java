package de.dockeragents.mailer.platform.control;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(2));

    @Test
    void doublesPerAttemptBetweenHalfAndFull() {
        assertEquals(Duration.ofSeconds(15), backoff.after(1, () -> 0.0));
        assertEquals(Duration.ofSeconds(30), backoff.after(1, () -> 1.0));
        assertEquals(Duration.ofSeconds(30), backoff.after(2, () -> 0.0));
        assertEquals(Duration.ofSeconds(60), backoff.after(2, () -> 1.0));
        assertEquals(Duration.ofSeconds(240), backoff.after(4, () -> 1.0));
    }

    @Test
    void isCappedAndNeverOverflows() {
        assertEquals(Duration.ofHours(2), backoff.after(12, () -> 1.0));
        assertEquals(Duration.ofHours(2), backoff.after(1000, () -> 1.0));
        assertEquals(Duration.ofHours(1), backoff.after(Integer.MAX_VALUE, () -> 0.0));
    }

    @Test
    void jitterSpreadsAQueueThatFailedTogether() {
        Random r = new Random(7);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.after(3, r::nextDouble))
                .distinct()
                .count();
        assertTrue(distinct > 40, "spread: " + distinct);
    }
}
