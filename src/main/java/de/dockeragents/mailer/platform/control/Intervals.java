package de.dockeragents.mailer.platform.control;

import java.time.Duration;

import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

/**
 * The components' timers are programmatic and non-persistent: two mailers never share one (as they
 * would a persistent {@code @Schedule}), and a restart simply starts them again.
 */
public final class Intervals {

    private Intervals() {}

    /** Replaces the bean's timers by one firing after {@code first}, then every {@code every}. */
    public static void every(TimerService timers, String name, Duration first, Duration every) {
        timers.getTimers().forEach(Timer::cancel);
        timers.createIntervalTimer(first.toMillis(), every.toMillis(), new TimerConfig(name, false));
    }
}
