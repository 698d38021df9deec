package de.dockeragents.mailer.platform.entity;

/**
 * CDI event fired once by start-up, after the configuration was checked, PostgreSQL and the mailbox
 * answered and the schema was migrated: every component starts its timers on it, by observer
 * priority from {@link #OUTBOX} to {@link #INBOX}: the parts that take mail over run before the
 * poll brings any. Before all of them, {@link #LOGINS}: the logins the operator configured exist
 * before the mailer reports ready.
 */
public record Started() {

    /** The configured logins: before everything else, so a ready mailer has them. */
    public static final int LOGINS = 40;
    /** Webhook delivery: first, it takes over nothing and only reads its own table. */
    public static final int EVENTS = 50;

    public static final int OUTBOX = 100;
    public static final int ATTACHMENT = 200;
    public static final int TRIAGE = 300;
    public static final int REPLY = 400;
    /** Last: mail only flows once everything behind the inbox runs. */
    public static final int INBOX = 500;
}
