-- Approvals and rejections given on an operation's approval gate. Each is bound to the hash of the
-- plan the approver was shown (operation.steps_hash); the gate counts them with ApprovalRules.
CREATE TABLE operation_approval (
    id             BIGSERIAL    PRIMARY KEY,
    operation_id   UUID         NOT NULL REFERENCES operation (id),
    approver_id    TEXT         NOT NULL,
    approver_name  TEXT,
    decision       TEXT         NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    plan_hash      CHAR(64)     NOT NULL,
    given_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX operation_approval_operation_idx ON operation_approval (operation_id);
