-- Review: what staff decided on the page or through the API, and their category corrections.

-- A person's correction of triage's category. Kept beside triage's own verdict, which
-- re-classification may still replace; the page and API show the correction when there is one.
ALTER TABLE classification
    ADD COLUMN corrected_category TEXT CHECK (corrected_category ~ '^[a-z][a-z0-9_]{0,39}$'),
    ADD COLUMN corrected_by       TEXT CHECK (char_length(corrected_by) <= 100),
    ADD COLUMN corrected_at       TIMESTAMPTZ,
    ADD CHECK ((corrected_category IS NULL) = (corrected_at IS NULL) AND (corrected_at IS NULL) = (corrected_by IS NULL));

-- the inbox filter by category looks at what the page shows
CREATE INDEX classification_effective_category_ix ON classification ((coalesce(corrected_category, category)));

-- Who approved, rejected, corrected or requeued what, and when. Written in the same transaction
-- as the change it records; never updated. No mail text and no addresses: ids and states only.
CREATE TABLE review_audit (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor        TEXT        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 100),
    action       TEXT        NOT NULL CHECK (action IN ('approve', 'reject', 'correct_category', 'requeue')),
    mail_id      BIGINT      REFERENCES mail_message (id) ON DELETE SET NULL,
    outbound_id  BIGINT      REFERENCES outbound_mail (id) ON DELETE SET NULL,
    old_value    TEXT        CHECK (char_length(old_value) <= 100),
    new_value    TEXT        CHECK (char_length(new_value) <= 100),
    -- e.g. "edited", "attempts 8", a rejection's reason
    detail       TEXT        CHECK (char_length(detail) <= 500)
);

CREATE INDEX review_audit_at_ix ON review_audit (at DESC, id DESC);
CREATE INDEX review_audit_mail_ix ON review_audit (mail_id);
