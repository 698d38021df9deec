-- Two or more instances of one mailer on one database (docs/scaling.md). Written by platform's LeaseStore.
-- A lease is held by one instance ("holder": its instance id and a start nonce) until expires_at; whoever
-- takes it from another holder gets token + 1, so every token names one tenure, and a write fenced by an
-- older token is refused. "folder:<name>" is the right to read that IMAP folder; "instance:<holder>" says
-- the instance lives (work it claimed is its own while this lease has not expired).
CREATE TABLE lease (
    name        TEXT        PRIMARY KEY CHECK (char_length(name) <= 300),
    holder      TEXT        NOT NULL CHECK (char_length(holder) <= 200),
    token       BIGINT      NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Which instance is classifying a mail now (triage's TriageStore): another instance's sweep leaves it
-- alone while that instance lives (its "instance:" lease); the row goes with the classification.
CREATE TABLE triage_claim (
    mail_id    BIGINT      PRIMARY KEY REFERENCES mail_message (id) ON DELETE CASCADE,
    holder     TEXT        NOT NULL CHECK (char_length(holder) <= 200),
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
