-- Triage: how each stored mail was classified, by the model or by the profile's rules.
-- One row per mail; re-classification (when Ollama is back) replaces the row's values.

CREATE TABLE classification (
    mail_id        BIGINT      PRIMARY KEY REFERENCES mail_message (id) ON DELETE CASCADE,
    -- the profile's category names; the profile's data files are the authority, so no enum here
    category       TEXT        NOT NULL CHECK (category ~ '^[a-z][a-z0-9_]{0,39}$'),
    priority       TEXT        NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    language       TEXT        NOT NULL CHECK (language IN ('de', 'en', 'other')),
    summary        TEXT        NOT NULL CHECK (char_length(summary) <= 300),
    needs_reply    BOOLEAN     NOT NULL,
    confidence     REAL        NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    classified_by  TEXT        NOT NULL CHECK (classified_by IN ('ai', 'rules')),
    -- the model that answered; NULL when the rules decided
    model          TEXT        CHECK (model IS NULL OR char_length(model) <= 200),
    -- why the model's answer was not used (timeout, error, breaker_open, bulkhead_full, off_schema, disabled)
    ai_outcome     TEXT        NOT NULL CHECK (ai_outcome IN ('ok', 'timeout', 'error', 'breaker_open',
                                                               'bulkhead_full', 'off_schema', 'disabled')),
    -- ids of the profile's safety rules that overrode the verdict, space separated
    safety_rules   TEXT        NOT NULL DEFAULT '' CHECK (safety_rules ~ '^[a-z0-9-]*( [a-z0-9-]+)*$'),
    -- order numbers found by code (ecom), space separated
    order_numbers  TEXT        NOT NULL DEFAULT '' CHECK (order_numbers ~ '^[A-Z0-9-]*( [A-Z0-9-]+)*$'),
    duration_ms    BIGINT      NOT NULL CHECK (duration_ms >= 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((classified_by = 'ai') = (ai_outcome = 'ok')),
    CHECK (classified_by = 'rules' OR model IS NOT NULL)
);

-- staff lists: by priority and category, newest first
CREATE INDEX classification_priority_ix ON classification (priority, category, created_at DESC);
-- re-classification: the mail the rules decided while the model was unavailable
CREATE INDEX classification_rules_ix ON classification (updated_at) WHERE classified_by = 'rules' AND ai_outcome <> 'off_schema';
