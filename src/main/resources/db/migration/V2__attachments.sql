-- Attachments: one row per attachment of a stored mail, and per mail whether extraction ran.

CREATE TABLE attachment (
    id                 BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail_id            BIGINT      NOT NULL REFERENCES mail_message (id) ON DELETE CASCADE,
    -- position in the MIME tree, e.g. 2 or 3.1 (inside a forwarded message)
    part_path          TEXT        NOT NULL,
    -- the name as sent, without control characters; for display only, never a path
    original_name      TEXT,
    -- the sanitised name, unique within the mail
    file_name          TEXT        NOT NULL,
    declared_type      TEXT,
    -- the media type judged by content (magic bytes)
    detected_type      TEXT,
    size_bytes         BIGINT      CHECK (size_bytes >= 0),
    sha256             CHAR(64),
    outcome            TEXT        NOT NULL CHECK (outcome IN ('PENDING', 'STORED', 'REJECTED', 'QUARANTINED')),
    -- why it was rejected or quarantined (or will be rejected once scanned)
    reason             TEXT,
    virus_scan_status  TEXT        NOT NULL
                                   CHECK (virus_scan_status IN ('pending', 'clean', 'infected', 'error', 'skipped')),
    signature          TEXT,
    scan_attempts      INTEGER     NOT NULL DEFAULT 0 CHECK (scan_attempts >= 0),
    scanned_at         TIMESTAMPTZ,
    -- yyyy/mm/<mail id>/<file_name>, relative to the area the outcome names (storage, .pending, quarantine)
    path               TEXT,
    received_at        TIMESTAMPTZ NOT NULL,
    stored_at          TIMESTAMPTZ,
    archived_at        TIMESTAMPTZ,
    archive_key        TEXT,
    -- the local file was removed by the retention cleanup
    removed_at         TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT attachment_part_ux UNIQUE (mail_id, part_path)
);

CREATE INDEX attachment_pending_ix ON attachment (id) WHERE outcome = 'PENDING';
CREATE INDEX attachment_stored_ix ON attachment (stored_at) WHERE outcome = 'STORED' AND removed_at IS NULL;
CREATE INDEX attachment_quarantined_ix ON attachment (scanned_at) WHERE outcome = 'QUARANTINED' AND removed_at IS NULL;
CREATE INDEX attachment_infected_ix ON attachment (mail_id) WHERE virus_scan_status = 'infected';

-- RUNNING while a run holds the mail, DONE when its rows are written, FAILED to be retried
CREATE TABLE attachment_extraction (
    mail_id           BIGINT      PRIMARY KEY REFERENCES mail_message (id) ON DELETE CASCADE,
    state             TEXT        NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    attempts          INTEGER     NOT NULL DEFAULT 1 CHECK (attempts >= 0),
    attachment_count  INTEGER     CHECK (attachment_count >= 0),
    error             TEXT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX attachment_extraction_retry_ix ON attachment_extraction (updated_at) WHERE state <> 'DONE';
