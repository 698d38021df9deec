package de.dockeragents.mailer.attachment.entity;

/** Where an attachment ended up. Only {@code STORED} files are ever handed to staff. */
public enum Outcome {
    /** kept aside until clamd answers; not yet delivered */
    PENDING,
    /** scanned clean and of an allowed type: in permanent storage */
    STORED,
    /** refused by policy (type, name, size, count); the file is not kept */
    REJECTED,
    /** infected, or clamd could not scan it: in the quarantine directory */
    QUARANTINED
}
