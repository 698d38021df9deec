-- Safety first: a mail the safety rules make urgent (an emergency) is decided by them at once, and
-- the model is not asked about it at all. Its classification says so: classified_by 'rules',
-- ai_outcome 'safety'. Such mail is not re-asked when the model is back (TriageStore.rulesClassified).

ALTER TABLE classification DROP CONSTRAINT classification_ai_outcome_check;
ALTER TABLE classification ADD CONSTRAINT classification_ai_outcome_check
    CHECK (ai_outcome IN ('ok', 'timeout', 'error', 'breaker_open', 'bulkhead_full', 'off_schema', 'disabled', 'safety'));
