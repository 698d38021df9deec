package de.dockeragents.mailer.ops.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownStreakTest {

    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void leavesOnlyAfterTheLimitWithoutABreak() {
        DownStreak streak = new DownStreak(Duration.ofMinutes(5));
        assertNull(streak.observe(List.of("poll-timer"), t0));
        assertNull(streak.observe(List.of("poll-timer"), t0.plusSeconds(299)));
        String why = streak.observe(List.of("poll-timer {lastTickAgeSeconds=400}"), t0.plusSeconds(300));
        assertNotNull(why);
        assertTrue(why.contains("poll-timer") && why.contains("300 s"), why);
    }

    @Test
    void oneHealthyAnswerStartsTheCountAgain() {
        DownStreak streak = new DownStreak(Duration.ofMinutes(5));
        assertNull(streak.observe(List.of("outbox-timer"), t0));
        assertNull(streak.observe(List.of(), t0.plusSeconds(200)));
        assertNull(streak.observe(List.of("outbox-timer"), t0.plusSeconds(250)));
        assertNull(streak.observe(List.of("outbox-timer"), t0.plusSeconds(500)));
        assertNotNull(streak.observe(List.of("outbox-timer"), t0.plusSeconds(550)));
    }

    @Test
    void zeroMeansNever() {
        DownStreak streak = new DownStreak(Duration.ZERO);
        assertNull(streak.observe(List.of("poll-timer"), t0));
        assertNull(streak.observe(List.of("poll-timer"), t0.plusSeconds(86_400)));
    }
}
