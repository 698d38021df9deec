-- The first start must not answer the mailbox's history. Per folder: what was read when the mailer
-- first saw it (or saw a new UIDVALIDITY), and which UIDs are history. Per mail: its server
-- INTERNALDATE, and whether it came from that history import (stored and classified, never answered
-- automatically).

ALTER TABLE imap_folder_state
    -- mailer.imap.initial-import in force when this UIDVALIDITY was first seen: none | all | since:<duration>;
    -- 'before_v8' for folders read before the choice existed (from UID 0, history not marked)
    ADD COLUMN initial_import    TEXT        NOT NULL DEFAULT 'before_v8'
                                             CHECK (initial_import ~ '^(none|all|since:[0-9]+(ms|s|m|h|d)|before_v8)$'),
    -- first_start, or uidvalidity_change (the folder was read again; what it held is history as well)
    ADD COLUMN start_reason      TEXT        NOT NULL DEFAULT 'first_start'
                                             CHECK (start_reason IN ('first_start', 'uidvalidity_change')),
    -- UIDs up to here were in the folder before the mailer started reading it: history
    ADD COLUMN history_until_uid BIGINT      NOT NULL DEFAULT 0 CHECK (history_until_uid >= 0),
    -- of the history, only mail with an INTERNALDATE from here on is read; NULL: all of it (or none, see last_uid)
    ADD COLUMN history_since     TIMESTAMPTZ,
    -- when this UIDVALIDITY was first seen
    ADD COLUMN started_at        TIMESTAMPTZ NOT NULL DEFAULT now();

UPDATE imap_folder_state SET started_at = updated_at;

ALTER TABLE mail_message
    -- the server's INTERNALDATE (when the mailbox received it; not the sender's Date header)
    ADD COLUMN internal_date TIMESTAMPTZ,
    ADD COLUMN history       BOOLEAN     NOT NULL DEFAULT FALSE;

-- the staff page counts each folder's history
CREATE INDEX mail_message_history_ix ON mail_message (folder) WHERE history;
