package de.dockeragents.mailer.platform.control;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the next one waits
 * {@code base * 2^(n-1)}, capped at {@code max}, of which the upper half is random. The fixed half
 * keeps a broken server from being hammered; the random half keeps a queue that failed together
 * (SMTP was down) from retrying in lockstep.
 */
public record Backoff(Duration base, Duration max) {

    public Duration after(int attempt, DoubleSupplier random) {
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long full = exp <= 0 || exp > cap ? cap : exp;
        long half = full / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (full - half)));
    }
}
