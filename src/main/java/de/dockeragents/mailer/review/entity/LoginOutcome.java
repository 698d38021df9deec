package de.dockeragents.mailer.review.entity;

import java.time.Duration;

/**
 * A login attempt's result: the person, or refused (wrong name or password, or disabled: the caller
 * is not told which), or locked for a while after too many failures of that name or address.
 */
public record LoginOutcome(Person person, Duration lockedFor) {

    public static LoginOutcome ok(Person person) {
        return new LoginOutcome(person, null);
    }

    public static LoginOutcome refused() {
        return new LoginOutcome(null, null);
    }

    public static LoginOutcome locked(Duration remaining) {
        return new LoginOutcome(null, remaining);
    }

    public boolean ok() {
        return person != null;
    }

    public boolean locked() {
        return lockedFor != null;
    }
}
