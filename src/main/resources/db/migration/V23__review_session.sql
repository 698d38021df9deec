-- A login to the staff page is a row here, not an HTTP session in one server's memory: every instance
-- of a mailer (docs/scaling.md) accepts it and its CSRF token, and a logout on one ends it on all.
-- Written only by the review component. The browser holds a random token in an HttpOnly cookie; the
-- table holds its SHA-256 only, so a copy of the database lets nobody in.
CREATE TABLE review_session (
    id            BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    BYTEA       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    person_id     BIGINT      NOT NULL REFERENCES review_person (id) ON DELETE CASCADE,
    -- the person's generation at login: a disable or password reset raises it and ends the session
    generation    INTEGER     NOT NULL,
    -- the synchronizer token the page sends as X-CSRF-Token (random, not derived from the cookie)
    csrf_token    TEXT        NOT NULL CHECK (char_length(csrf_token) BETWEEN 20 AND 100),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- renewed at most once a minute; a session unused for review.session.timeout has ended
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- the clean-up of ended sessions
CREATE INDEX review_session_last_seen ON review_session (last_seen_at);
