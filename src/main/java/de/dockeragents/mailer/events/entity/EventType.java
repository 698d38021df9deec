package de.dockeragents.mailer.events.entity;

/** The events a webhook receiver can get, by the name that travels in the body and the type header. */
public enum EventType {
    EMAIL_RECEIVED("email.received"),
    EMAIL_CLASSIFIED("email.classified"),
    REPLY_SENT("reply.sent"),
    DRAFT_WAITING("draft.waiting"),
    ATTACHMENT_INFECTED("attachment.infected"),
    MAILER_DEGRADED("mailer.degraded");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
