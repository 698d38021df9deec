package de.dockeragents.mailer.review.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoginThrottleTest {

    static final Duration LOCKOUT = Duration.ofMinutes(15);

    /** A clock the test moves. */
    static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final Ticking clock = new Ticking();
    final LoginThrottle throttle = new LoginThrottle(
            new LoginSettings(3, 5, LOCKOUT, 10, Duration.ofHours(8), Duration.ofMinutes(30), List.of()), clock);

    @Test
    void aNameIsLockedAfterItsFailuresInARowAndFreeAgainAfterTheLockout() {
        throttle.failed("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.2");
        assertNull(throttle.locked("anna", "10.0.0.3"));
        throttle.failed("anna", "10.0.0.3");
        assertEquals(LOCKOUT, throttle.locked("anna", "10.0.0.9"));
        // other names from the same addresses may still try
        assertNull(throttle.locked("ben", "10.0.0.1"));
        clock.now = clock.now.plus(LOCKOUT).minusSeconds(1);
        assertEquals(Duration.ofSeconds(1), throttle.locked("anna", "10.0.0.9"));
        clock.now = clock.now.plusSeconds(1);
        assertNull(throttle.locked("anna", "10.0.0.9"));
        // the count starts anew: one more failure does not lock again
        throttle.failed("anna", "10.0.0.9");
        assertNull(throttle.locked("anna", "10.0.0.9"));
    }

    @Test
    void aSuccessForgetsTheNamesFailures() {
        throttle.failed("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");
        throttle.succeeded("anna");
        throttle.failed("anna", "10.0.0.1");
        assertNull(throttle.locked("anna", "10.0.0.2"));
    }

    @Test
    void failuresLongerAgoThanTheLockoutAreForgotten() {
        throttle.failed("anna", "10.0.0.1");
        throttle.failed("anna", "10.0.0.1");
        clock.now = clock.now.plus(LOCKOUT);
        throttle.failed("anna", "10.0.0.1");
        assertNull(throttle.locked("anna", "10.0.0.2"));
    }

    @Test
    void anAddressTryingManyNamesIsLockedForAllNames() {
        for (String name : List.of("a1", "a2", "a3", "a4")) {
            throttle.failed(name, "10.0.0.66");
        }
        assertNull(throttle.locked("anna", "10.0.0.66"));
        throttle.failed("a5", "10.0.0.66");
        assertEquals(LOCKOUT, throttle.locked("anna", "10.0.0.66"));
        // the person at another PC is not locked out
        assertNull(throttle.locked("anna", "10.0.0.7"));
    }

    @Test
    void aLockIsNotExtendedByTriesWhileLocked() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("anna", "10.0.0." + i);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        throttle.failed("anna", "10.0.0.9");
        assertEquals(Duration.ofMinutes(5), throttle.locked("anna", "10.0.0.10"));
    }
}
