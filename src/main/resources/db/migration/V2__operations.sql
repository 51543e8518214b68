-- Operations as data: a list of steps with a cursor, a phase, conditions and the external handles
-- created so far. Every replica's reconcile tick claims due operations with FOR UPDATE SKIP LOCKED.
CREATE TABLE operation (
    id               UUID         PRIMARY KEY,
    kind             TEXT         NOT NULL,
    target           TEXT         NOT NULL,
    environment      TEXT         NOT NULL,
    phase            TEXT         NOT NULL,
    steps            JSONB        NOT NULL,
    rollback_steps   JSONB        NOT NULL,
    steps_hash       CHAR(64)     NOT NULL,
    on_rollback_path BOOLEAN      NOT NULL DEFAULT false,
    step_index       INT          NOT NULL DEFAULT 0,
    step_started_at  TIMESTAMPTZ,
    conditions       JSONB        NOT NULL DEFAULT '[]',
    handles          JSONB        NOT NULL DEFAULT '{}',
    requester_id     TEXT         NOT NULL,
    requester_name   TEXT,
    slack_channel    TEXT,
    slack_ts         TEXT,
    message_version  INT          NOT NULL DEFAULT 1,
    message_shown    INT          NOT NULL DEFAULT 0,
    message_at       TIMESTAMPTZ,
    message_claim    TIMESTAMPTZ,
    end_reason       TEXT,
    rollback_outcome TEXT,
    error_count      INT          NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    next_tick_at     TIMESTAMPTZ  NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

-- One active operation per target and environment, whichever replica starts it.
CREATE UNIQUE INDEX operation_one_active ON operation (target, environment)
    WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED');

CREATE INDEX operation_due ON operation (next_tick_at)
    WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING');

-- Live Slack messages still to post or refresh (message_version moves on every state change).
CREATE INDEX operation_message_due ON operation (message_at) WHERE message_version > message_shown;
