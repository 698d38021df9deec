package de.dockeragents.mailer.inbox.control;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What health checks and metrics read about the inbox: connection, last tick, last success, and how reading
 * the folder began (the initial import).
 */
@ApplicationScoped
public class InboxStatus {

    private volatile boolean connected;
    private volatile Instant lastTick;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile int consecutiveFailures;
    private volatile String folder;
    private volatile MailStore.Position position;

    public boolean connected() {
        return connected;
    }

    public Instant lastTick() {
        return lastTick;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The folder read, and its start as recorded in the database; null until the first poll found it. */
    public String folder() {
        return folder;
    }

    public MailStore.Position position() {
        return position;
    }

    void started(String name, MailStore.Position value) {
        folder = name;
        position = value;
    }

    void connected(boolean value) {
        connected = value;
    }

    void ticked() {
        lastTick = Instant.now();
    }

    void succeeded() {
        lastSuccess = Instant.now();
        lastError = null;
        consecutiveFailures = 0;
    }

    void failed(String error) {
        lastError = error;
        consecutiveFailures++;
    }
}
