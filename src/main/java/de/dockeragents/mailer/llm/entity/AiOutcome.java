package de.dockeragents.mailer.llm.entity;

import java.util.Locale;

/** What became of the request to the model; anything but OK means the rules decided. */
public enum AiOutcome {
    OK, TIMEOUT, ERROR, BREAKER_OPEN, BULKHEAD_FULL, OFF_SCHEMA, DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
