-- The outbound queue. Every mail we send is a row here first: automatic template replies
-- (PENDING at once), drafts waiting for a person (DRAFT), and their fate.
--
--   DRAFT --approve--> PENDING --lease--> SENDING --> SENT
--     |                  ^                   |
--     +--reject--> REJECTED                  +--> FAILED (next_attempt_at) --lease--> SENDING ...
--                                            +--> DEAD (after the last attempt)

CREATE SEQUENCE outbound_mail_seq INCREMENT BY 50;

CREATE TABLE outbound_mail (
    id               BIGINT      PRIMARY KEY,
    -- the mail this answers; NULL for mail not in reply to anything
    mail_id          BIGINT      REFERENCES mail_message (id) ON DELETE SET NULL,
    -- template_auto: fixed template, sent without a person; template_draft / ai_draft: need approval
    kind             TEXT        NOT NULL CHECK (kind IN ('template_auto', 'template_draft', 'ai_draft')),
    status           TEXT        NOT NULL CHECK (status IN ('DRAFT', 'REJECTED', 'PENDING', 'SENDING',
                                                            'SENT', 'FAILED', 'DEAD')),
    -- chosen by code (Reply-To, else From of the original), never by a model; exactly one address
    recipient        TEXT        NOT NULL CHECK (recipient ~ '^[^\s,;<>"]+@[^\s,;<>"@]+$'),
    -- SHA-256 of the lower-cased recipient: the per-sender cap looks it up without reading addresses
    recipient_key    CHAR(64)    NOT NULL,
    subject          TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    language         TEXT        NOT NULL CHECK (language IN ('de', 'en')),
    template         TEXT,
    -- assigned at enqueue so a retried send is recognisably the same mail
    message_id       TEXT        NOT NULL UNIQUE,
    in_reply_to      TEXT,
    references_hdr   TEXT,
    auto_submitted   BOOLEAN     NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until      TIMESTAMPTZ,
    last_error       TEXT,
    approved_by      TEXT,
    approved_at      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ,
    -- a draft leaves DRAFT only with a person's approval: the database holds the line too
    CHECK (kind = 'template_auto' OR status IN ('DRAFT', 'REJECTED') OR approved_at IS NOT NULL),
    -- automatic mail carries Auto-Submitted: auto-replied (RFC 3834)
    CHECK (auto_submitted = (kind = 'template_auto')),
    CHECK (status <> 'SENDING' OR lease_until IS NOT NULL),
    CHECK (status <> 'SENT' OR sent_at IS NOT NULL)
);

-- the sender's claim: due rows in order
CREATE INDEX outbound_mail_due_ix ON outbound_mail (next_attempt_at) WHERE status IN ('PENDING', 'FAILED');
-- expired leases of a crashed sender
CREATE INDEX outbound_mail_lease_ix ON outbound_mail (lease_until) WHERE status = 'SENDING';
-- one automatic reply per sender per 24 h
CREATE INDEX outbound_mail_auto_ix ON outbound_mail (recipient_key, created_at DESC) WHERE kind = 'template_auto';
CREATE INDEX outbound_mail_mail_ix ON outbound_mail (mail_id);
CREATE INDEX outbound_mail_status_ix ON outbound_mail (status, created_at DESC);
-- the reply planner answers a mail at most once, even when two instances classify it
CREATE UNIQUE INDEX outbound_mail_reply_once_ux ON outbound_mail (mail_id) WHERE mail_id IS NOT NULL;
