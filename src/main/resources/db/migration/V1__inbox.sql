-- The inbox: what was read from which folder, and every mail as received.

CREATE TABLE imap_folder_state (
    folder        TEXT        PRIMARY KEY,
    uid_validity  BIGINT      NOT NULL,
    last_uid      BIGINT      NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- EclipseLink takes each value as the end of a block of 50 ids, so the first value is 50
CREATE SEQUENCE mail_message_seq START WITH 50 INCREMENT BY 50 MINVALUE 50;

CREATE TABLE mail_message (
    id                BIGINT      PRIMARY KEY,
    folder            TEXT        NOT NULL,
    uid_validity      BIGINT      NOT NULL,
    uid               BIGINT      NOT NULL,
    -- X-GM-MSGID where the server offers it, else Message-ID + SHA-256 of the raw message
    dedupe_key        TEXT        NOT NULL,
    gm_msgid          BIGINT,
    message_id        TEXT,
    content_sha256    CHAR(64),
    status            TEXT        NOT NULL CHECK (status IN ('STORED', 'PARSE_ERROR', 'TOO_LARGE')),
    error             TEXT,
    from_addr         TEXT,
    reply_to          TEXT,
    to_addrs          TEXT,
    cc_addrs          TEXT,
    subject           TEXT,
    sent_at           TIMESTAMPTZ,
    received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    text_body         TEXT,
    html_text         TEXT,
    in_reply_to       TEXT,
    references_hdr    TEXT,
    auto_submitted    TEXT,
    precedence        TEXT,
    list_id           TEXT,
    list_unsubscribe  BOOLEAN     NOT NULL DEFAULT FALSE,
    size_bytes        BIGINT      NOT NULL CHECK (size_bytes >= 0),
    attachment_count  INTEGER     NOT NULL DEFAULT 0 CHECK (attachment_count >= 0),
    server_action     TEXT        NOT NULL DEFAULT 'NONE'
                                  CHECK (server_action IN ('NONE', 'PENDING', 'DONE', 'FAILED')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX mail_message_dedupe_key_ux ON mail_message (dedupe_key);
CREATE INDEX mail_message_folder_uid_ix ON mail_message (folder, uid_validity, uid);
CREATE INDEX mail_message_received_ix ON mail_message (received_at DESC);
CREATE INDEX mail_message_status_ix ON mail_message (status) WHERE status <> 'STORED';
CREATE INDEX mail_message_pending_action_ix ON mail_message (folder, uid_validity) WHERE server_action = 'PENDING';
CREATE INDEX mail_message_message_id_ix ON mail_message (message_id);

CREATE TABLE mail_raw (
    mail_id  BIGINT PRIMARY KEY REFERENCES mail_message (id) ON DELETE CASCADE,
    raw      BYTEA  NOT NULL
);
