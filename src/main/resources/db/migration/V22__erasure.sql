-- Data protection (docs/data-protection.md): a person's request to be forgotten, recorded without the
-- address in clear text. One row per run: started, and finished with what it erased; a run that never
-- finished (a crash) shows as such, and running the request again completes it.
CREATE TABLE privacy_erasure (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- HMAC-SHA256 of the lower-cased address under privacy_key: the same address gives the same value
    address_key     CHAR(64)    NOT NULL CHECK (address_key ~ '^[0-9a-f]{64}$'),
    actor           TEXT        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 100),
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    mails           INTEGER     NOT NULL DEFAULT 0 CHECK (mails >= 0),
    attachments     INTEGER     NOT NULL DEFAULT 0 CHECK (attachments >= 0),
    outbound        INTEGER     NOT NULL DEFAULT 0 CHECK (outbound >= 0),
    -- of those, replies not sent yet (cancelled)
    unsent          INTEGER     NOT NULL DEFAULT 0 CHECK (unsent >= 0),
    archive_copies  INTEGER     NOT NULL DEFAULT 0 CHECK (archive_copies >= 0)
);

CREATE INDEX privacy_erasure_started_ix ON privacy_erasure (started_at DESC, id DESC);

-- The key of those hashes: made once, at random, by the first request; never shown or logged.
CREATE TABLE privacy_key (
    id          INTEGER     PRIMARY KEY CHECK (id = 1),
    secret      BYTEA       NOT NULL CHECK (octet_length(secret) = 32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
