-- One owner per table (docs/architecture.md): what the reply component records about a mail's reply
-- leaves triage's classification and the outbox's queue for tables of reply's own.

-- The reply decision of a classified mail. A row is written in the same transaction as the mail's
-- first classification (reply observes triage's ClassificationSaved), so the reply sweep finds every
-- classified mail without a decision here, by a small partial index.
CREATE TABLE reply_plan (
    mail_id      BIGINT      PRIMARY KEY REFERENCES classification (mail_id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until  TIMESTAMPTZ,
    planned_at   TIMESTAMPTZ,
    -- queued, daily_cap, already_answered, none, history, too_old, spam_signals, a loop-guard reason ...
    outcome      TEXT        CHECK (outcome IS NULL OR outcome ~ '^[a-z0-9_]{1,40}$'),
    -- the spam signals that refused any reply, for staff
    reasons      TEXT        CHECK (reasons IS NULL OR char_length(reasons) <= 4000),
    CHECK ((planned_at IS NULL) = (outcome IS NULL))
);

INSERT INTO reply_plan (mail_id, created_at, lease_until, planned_at, outcome, reasons)
SELECT mail_id, created_at, reply_lease_until, reply_planned_at, reply_outcome, reply_reasons FROM classification;

CREATE INDEX reply_plan_unplanned_ix ON reply_plan (created_at) WHERE planned_at IS NULL;

ALTER TABLE classification
    DROP COLUMN reply_planned_at,
    DROP COLUMN reply_lease_until,
    DROP COLUMN reply_outcome,
    DROP COLUMN reply_reasons;

-- The copy of a draft in the mailbox's Drafts folder (mailer.reply.drafts-folder): written with the
-- draft by reply, in the transaction that queues it; the queue row itself is the outbox's.
CREATE TABLE draft_copy (
    outbound_id  BIGINT      PRIMARY KEY REFERENCES outbound_mail (id) ON DELETE CASCADE,
    appended_at  TIMESTAMPTZ,
    attempts     INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    removed_at   TIMESTAMPTZ
);

INSERT INTO draft_copy (outbound_id, appended_at, attempts, removed_at)
SELECT id, drafts_appended_at, drafts_attempts, drafts_removed_at FROM outbound_mail WHERE kind <> 'template_auto';

-- drafts waiting for their copy; decided drafts whose copy is still in the folder
CREATE INDEX draft_copy_due_ix ON draft_copy (outbound_id) WHERE appended_at IS NULL;
CREATE INDEX draft_copy_shown_ix ON draft_copy (outbound_id) WHERE appended_at IS NOT NULL AND removed_at IS NULL;

ALTER TABLE outbound_mail
    DROP COLUMN drafts_appended_at,
    DROP COLUMN drafts_attempts,
    DROP COLUMN drafts_removed_at;
