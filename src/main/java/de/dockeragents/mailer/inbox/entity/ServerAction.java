package de.dockeragents.mailer.inbox.entity;

/** The after-store action on the IMAP server (mark seen, move), tracked so a crash never skips it. */
public enum ServerAction {
    NONE,
    PENDING,
    DONE,
    FAILED
}
