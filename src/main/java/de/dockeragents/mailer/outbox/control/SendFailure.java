package de.dockeragents.mailer.outbox.control;

/**
 * Why a send failed, in words safe for logs and the database (addresses removed). {@code permanent}:
 * the server refused this mail for good (5xx), so another attempt would fail the same way;
 * {@code connection}: the server itself is not usable now, so the rest of the batch waits too.
 */
public final class SendFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final boolean connection;
    private final boolean loginRejected;

    public SendFailure(String reason, boolean permanent, boolean connection) {
        this(reason, permanent, connection, false);
    }

    SendFailure(String reason, boolean permanent, boolean connection, boolean loginRejected) {
        super(Scrub.text(reason), null, false, false);
        this.permanent = permanent;
        this.connection = connection;
        this.loginRejected = loginRejected;
    }

    /** The server refused the login itself (wrong user or app password). */
    public boolean loginRejected() {
        return loginRejected;
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean connection() {
        return connection;
    }
}
