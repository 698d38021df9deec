-- Suspicious AI drafts: every model-written draft is checked in code after generation
-- (reply/control/DraftCheck). A draft with findings waits like any other, but the page warns,
-- approving needs an explicit confirmation (audited), and no copy goes to the Drafts folder.

ALTER TABLE outbound_mail
    -- the findings, space separated (instruction header link address number name language length); '' for none
    ADD COLUMN suspicious_reasons TEXT NOT NULL DEFAULT '' CHECK (suspicious_reasons ~ '^([a-z]+( [a-z]+)*)?$'),
    ADD COLUMN suspicious         BOOLEAN GENERATED ALWAYS AS (suspicious_reasons <> '') STORED,
    -- what the model wrote, before lines were removed and markers set: kept for audit of a suspicious
    -- draft only, never shown as the draft and never sent
    ADD COLUMN model_text         TEXT CHECK (char_length(model_text) <= 20000),
    ADD CHECK (kind = 'ai_draft' OR suspicious_reasons = ''),
    ADD CHECK (model_text IS NULL OR suspicious_reasons <> '');

-- the Drafts folder copy: drafts waiting without a copy, never a suspicious one
DROP INDEX outbound_mail_drafts_ix;
CREATE INDEX outbound_mail_drafts_ix ON outbound_mail (id)
    WHERE status = 'DRAFT' AND drafts_appended_at IS NULL AND NOT suspicious;

-- approving a suspicious draft is confirmed by a person and recorded as such
ALTER TABLE review_audit DROP CONSTRAINT review_audit_action_check;
ALTER TABLE review_audit ADD CONSTRAINT review_audit_action_check
    CHECK (action IN ('approve', 'reject', 'correct_category', 'requeue', 'confirm_suspicious'));

