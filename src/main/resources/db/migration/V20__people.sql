-- Every person logs in as themselves (docs/review.md#people): one row per person of the practice or
-- shop, written only by the review component. The password is a PBKDF2 hash (Jakarta Security's
-- Pbkdf2PasswordHash: algorithm, iterations, salt and hash in one string), never the password.
CREATE TABLE review_person (
    id             BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the login name, lower case; also the name the audit trail records
    name           TEXT        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,39}$'),
    role           TEXT        NOT NULL CHECK (role IN ('staff', 'admin')),
    password_hash  TEXT        NOT NULL CHECK (char_length(password_hash) <= 500),
    enabled        BOOLEAN     NOT NULL DEFAULT true,
    -- made from the operator's secrets (review.admin.*, review.staff.*) at every start: the page
    -- neither disables nor resets it, the secret does
    configured     BOOLEAN     NOT NULL DEFAULT false,
    -- raised on disable and password reset: the person's open sessions end with their next request
    generation     INTEGER     NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- an admin's changes to people are audited like every other decision; the person concerned is the
-- new_value (a login name, never a password)
ALTER TABLE review_audit DROP CONSTRAINT review_audit_action_check;
ALTER TABLE review_audit ADD CONSTRAINT review_audit_action_check
    CHECK (action IN ('approve', 'reject', 'correct_category', 'requeue', 'confirm_suspicious',
                      'person_add', 'person_disable', 'person_enable', 'person_password'));
