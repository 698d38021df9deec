package de.dockeragents.mailer.inbox.entity;

/** Where a stored mail stands. The database constrains the column to these names. */
public enum MailStatus {
    /** stored and parsed */
    STORED,
    /** stored raw only: the MIME structure could not be read; never fetched again */
    PARSE_ERROR,
    /** over the size cap: recorded, not downloaded */
    TOO_LARGE
}
