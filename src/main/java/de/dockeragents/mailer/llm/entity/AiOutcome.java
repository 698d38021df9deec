package de.dockeragents.mailer.llm.entity;

import java.util.Locale;

/**
 * What became of the request to the model; anything but OK means the rules decided. SAFETY: not
 * asked, because a safety rule made the mail urgent before the model's turn (nothing it could say
 * would change the verdict, and an emergency does not wait for a model slot).
 */
public enum AiOutcome {
    OK,
    TIMEOUT,
    ERROR,
    BREAKER_OPEN,
    BULKHEAD_FULL,
    OFF_SCHEMA,
    DISABLED,
    SAFETY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a request went to the model (and counts in its metrics). */
    public boolean asked() {
        return this != DISABLED && this != SAFETY;
    }
}
