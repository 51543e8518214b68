-- Idempotency-Key of POST /api/promotions: the request a key was first used for (by hash) and what
-- it answered, written in the same transaction as the operation's start and its audit record. A
-- retry with the same key gets the same answer and starts nothing; keys are kept for 24 hours.
CREATE TABLE api_idempotency (
    client           TEXT         NOT NULL,
    idempotency_key  TEXT         NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    status           INT,
    operation_id     UUID,
    body             TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (client, idempotency_key)
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
