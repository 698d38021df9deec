package de.dockeragents.mailer.inbox.control;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What health checks and metrics read about the inbox: connection, last tick, last success, how reading
 * the folder began (the initial import), and whether new mail is waited for with IMAP IDLE.
 */
@ApplicationScoped
public class InboxStatus {

    /** Where waiting with IDLE stands; in every state but ACTIVE, the poll alone finds new mail. */
    public enum Idle {
        /** mailer.imap.idle=off */
        OFF,
        /** not yet connected, before the start or while a connection is being opened */
        CONNECTING,
        ACTIVE,
        /** the server does not offer IDLE */
        UNSUPPORTED,
        /** the IDLE connection failed; connecting again after a back-off */
        RECONNECTING,
        /** another instance holds the folder's lease and waits with IDLE */
        STANDBY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private volatile Idle idle = Idle.CONNECTING;
    private volatile String idleError;

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

    public Idle idle() {
        return idle;
    }

    /** Why IDLE is not active (an exception's class name), or null. */
    public String idleError() {
        return idleError;
    }

    void idle(Idle state, String error) {
        idle = state;
        idleError = error;
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

    /** Another instance reads the folder: what went wrong here before is no longer this instance's. */
    void standingBy() {
        lastError = null;
        consecutiveFailures = 0;
        connected = false;
    }

    void failed(String error) {
        lastError = error;
        consecutiveFailures++;
    }
}
