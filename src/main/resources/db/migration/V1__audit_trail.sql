-- The audit trail: one row per request, approval, rejection, state change and outcome.
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for every role that does
-- not disable triggers, and each row carries the SHA-256 of its content and of the previous row,
-- so a change made around the triggers (by a superuser) is still found by /api/audit/verify.
CREATE TABLE audit_record (
    seq            BIGINT       PRIMARY KEY,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor_id       TEXT         NOT NULL,
    actor_name     TEXT,
    team_id        TEXT,
    channel_id     TEXT,
    command_text   TEXT,
    action         TEXT         NOT NULL,
    target         TEXT,
    environment    TEXT,
    decision       TEXT         NOT NULL,
    detail         TEXT,
    operation_id   TEXT,
    content_hash   CHAR(64)     NOT NULL,
    previous_hash  CHAR(64)     NOT NULL,
    record_hash    CHAR(64)     NOT NULL UNIQUE
);

CREATE INDEX audit_record_target_idx ON audit_record (target, seq DESC);
CREATE INDEX audit_record_time_idx ON audit_record (recorded_at);
CREATE INDEX audit_record_operation_idx ON audit_record (operation_id) WHERE operation_id IS NOT NULL;

CREATE FUNCTION audit_record_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_record_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();

CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();

-- Slack deliveries already handled, so that a retry (X-Slack-Retry-Num) or a replayed
-- interaction never acts twice, on whichever replica it lands. Old keys are purged hourly.
CREATE TABLE slack_delivery (
    delivery_key  TEXT         PRIMARY KEY,
    received_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX slack_delivery_received_idx ON slack_delivery (received_at);
