-- Triage made visible in the mailbox: which labels (Gmail label folders or IMAP keywords) a
-- classified mail carries on the server, and the Drafts folder copy of a decided draft removed.

-- the category and priority the mailbox shows for this mail ('category priority'); differs from
-- the row's own (a staff correction's category first) after a re-classification or a correction,
-- and the labels are moved then
ALTER TABLE classification
    ADD COLUMN labels_applied  TEXT,
    ADD COLUMN labels_attempts INTEGER NOT NULL DEFAULT 0 CHECK (labels_attempts >= 0);

-- mail classified before labels existed is not labelled retroactively: a large mailbox would be
-- copied wholesale on upgrade
UPDATE classification SET labels_applied = coalesce(corrected_category, category) || ' ' || priority;

CREATE INDEX classification_labels_ix ON classification (updated_at)
    WHERE labels_applied IS DISTINCT FROM (coalesce(corrected_category, category) || ' ' || priority);

ALTER TABLE outbound_mail
    ADD COLUMN drafts_removed_at TIMESTAMPTZ;

CREATE INDEX outbound_mail_drafts_removal_ix ON outbound_mail (id)
    WHERE status <> 'DRAFT' AND drafts_appended_at IS NOT NULL AND drafts_removed_at IS NULL;
