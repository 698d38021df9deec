package de.dockeragents.mailer.review.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Slows down password guessing: after {@code mailer.review.login.max-failures} failed logins in a row
 * for one name, or {@code max-failures-per-address} from one client address, that name or address is
 * refused for {@code mailer.review.login.lockout}, even with the right password. Failures older than
 * the lockout are forgotten, a success forgets the name's. Kept in memory: a restart forgives, and a
 * name counts whether or not such a person exists, so the lock tells nobody who exists.
 */
@ApplicationScoped
public class LoginThrottle {

    /** More entries than this and expired ones are dropped before a new one is added. */
    static final int PRUNE_ABOVE = 10_000;

    private record Tally(int failures, Instant last, Instant lockedUntil) {}

    private final Map<String, Tally> names = new ConcurrentHashMap<>();
    private final Map<String, Tally> addresses = new ConcurrentHashMap<>();
    private LoginSettings settings;
    private Clock clock;

    protected LoginThrottle() {
        // for the CDI proxy
    }

    @Inject
    public LoginThrottle(LoginSettings settings) {
        this(settings, Clock.systemUTC());
    }

    LoginThrottle(LoginSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the name or the address is still locked out, or null when it may try. */
    public Duration locked(String name, String address) {
        Instant now = clock.instant();
        Duration byName = remaining(names.get(name), now);
        Duration byAddress = remaining(addresses.get(address), now);
        if (byName == null) {
            return byAddress;
        }
        return byAddress == null || byName.compareTo(byAddress) >= 0 ? byName : byAddress;
    }

    public void failed(String name, String address) {
        Instant now = clock.instant();
        count(names, name, settings.maxFailures(), now);
        count(addresses, address, settings.maxFailuresPerAddress(), now);
    }

    public void succeeded(String name) {
        names.remove(name);
    }

    private void count(Map<String, Tally> tallies, String key, int max, Instant now) {
        if (tallies.size() > PRUNE_ABOVE) {
            tallies.values().removeIf(t -> forgotten(t, now));
        }
        tallies.compute(key, (k, t) -> {
            int failures = t == null || forgotten(t, now) ? 1 : t.failures() + 1;
            Instant lockedUntil = t != null && remaining(t, now) != null ? t.lockedUntil() : null;
            if (lockedUntil == null && failures >= max) {
                lockedUntil = now.plus(settings.lockout());
                failures = 0;
            }
            return new Tally(failures, now, lockedUntil);
        });
    }

    /** Past its lock, or its last failure longer ago than a lockout: as if it never failed. */
    private boolean forgotten(Tally t, Instant now) {
        if (t.lockedUntil() != null) {
            return !now.isBefore(t.lockedUntil());
        }
        return !now.isBefore(t.last().plus(settings.lockout()));
    }

    private static Duration remaining(Tally t, Instant now) {
        if (t == null || t.lockedUntil() == null || !now.isBefore(t.lockedUntil())) {
            return null;
        }
        return Duration.between(now, t.lockedUntil());
    }
}
