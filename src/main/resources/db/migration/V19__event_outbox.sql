-- Outbound webhook events (docs/events.md): one row per event, written by the events component in
-- the same transaction as the change it reports, delivered at least once by its sender. The body is
-- stored as sent, so every attempt carries the same bytes and the same signature.
CREATE TABLE event_outbox (
    id              uuid PRIMARY KEY,
    type            text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'SENDING', 'FAILED', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);

CREATE INDEX event_outbox_due_ix ON event_outbox (next_attempt_at) WHERE status IN ('PENDING', 'FAILED');
CREATE INDEX event_outbox_sending_ix ON event_outbox (lease_until) WHERE status = 'SENDING';
CREATE INDEX event_outbox_delivered_ix ON event_outbox (delivered_at) WHERE status = 'DELIVERED';
