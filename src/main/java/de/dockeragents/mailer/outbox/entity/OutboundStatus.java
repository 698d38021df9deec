package de.dockeragents.mailer.outbox.entity;

import java.util.Locale;

/** The states of an outbound mail (V4's CHECK); {@link #label()} is the metric's status label. */
public enum OutboundStatus {
    DRAFT,
    REJECTED,
    PENDING,
    SENDING,
    SENT,
    FAILED,
    DEAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
