-- Reply planning happens once per classified mail, and survives crashes: the planner claims a
-- classification with a lease (so a draft waiting for the model is not planned a second time),
-- and records its decision (queued, suppressed, none) in the same transaction as the enqueue.
-- Rows with no decision whose lease has run out are planned again by the reply sweep.

ALTER TABLE classification
    ADD COLUMN reply_planned_at   TIMESTAMPTZ,
    ADD COLUMN reply_lease_until  TIMESTAMPTZ,
    -- queued, daily_cap, already_answered, none, or a suppression reason (loop guard)
    ADD COLUMN reply_outcome      TEXT CHECK (reply_outcome IS NULL OR reply_outcome ~ '^[a-z0-9_]{1,40}$'),
    ADD CHECK ((reply_planned_at IS NULL) = (reply_outcome IS NULL));

-- Mail classified before this migration: rows with a reply, or older than a day, count as planned
-- (an automatic answer that late would surprise more than help); the rest the sweep plans.
UPDATE classification c SET reply_planned_at = c.created_at, reply_outcome = 'before_v5'
 WHERE c.created_at < now() - interval '1 day'
    OR EXISTS (SELECT 1 FROM outbound_mail o WHERE o.mail_id = c.mail_id);

-- the reply sweep: classified mail without a reply decision, oldest first
CREATE INDEX classification_unplanned_ix ON classification (created_at) WHERE reply_planned_at IS NULL;

-- AI drafts are also put into the mailbox's Drafts folder (mailer.reply.drafts-folder): done once,
-- recorded here; attempts are counted so a folder that keeps refusing is not tried forever.
ALTER TABLE outbound_mail
    ADD COLUMN drafts_appended_at TIMESTAMPTZ,
    ADD COLUMN drafts_attempts    INTEGER NOT NULL DEFAULT 0 CHECK (drafts_attempts >= 0);

CREATE INDEX outbound_mail_drafts_ix ON outbound_mail (id) WHERE status = 'DRAFT' AND drafts_appended_at IS NULL;
