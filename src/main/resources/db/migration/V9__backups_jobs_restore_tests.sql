-- Long work of an operation's step (a pg_dump, a pg_restore, a validation pack) runs as a job:
-- claimed by one replica, with a heartbeat; a job whose owner stops beating is taken over. The
-- step that asked for it waits on its row; nothing sleeps in a request or a tick.
CREATE TABLE db_job (
    id            UUID         PRIMARY KEY,
    kind          TEXT         NOT NULL,
    params        JSONB        NOT NULL,
    state         TEXT         NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    owner         TEXT,
    attempt       INT          NOT NULL DEFAULT 0,
    heartbeat_at  TIMESTAMPTZ,
    progress      TEXT,
    result        JSONB,
    error         TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    ended_at      TIMESTAMPTZ
);
CREATE INDEX db_job_open ON db_job (state) WHERE state IN ('PENDING', 'RUNNING');

-- Backups TICKETSMITH took or found: a pg_dump archive (its URI, SHA-256 and size) or an RDS
-- snapshot (its identifier).
CREATE TABLE backup (
    id            BIGSERIAL    PRIMARY KEY,
    database      TEXT         NOT NULL,
    environment   TEXT         NOT NULL,
    provider      TEXT         NOT NULL,
    location      TEXT         NOT NULL,
    sha256        TEXT,
    size_bytes    BIGINT,
    data_time     TIMESTAMPTZ,
    started_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ  NOT NULL,
    operation_id  UUID,
    trigger       TEXT         NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
    deleted_at    TIMESTAMPTZ
);
CREATE INDEX backup_database_idx ON backup (database, id DESC);

-- Restore tests: one row per run, one per check, so reports can show trends and compare hashes.
CREATE TABLE restore_test_run (
    id              BIGSERIAL    PRIMARY KEY,
    database        TEXT         NOT NULL,
    operation_id    UUID         NOT NULL UNIQUE,
    backup_location TEXT,
    passed          BOOLEAN      NOT NULL,
    provision_ms    BIGINT,
    restore_ms      BIGINT,
    validation_ms   BIGINT,
    rto_ms          BIGINT,
    rpo_seconds     BIGINT,
    cost_usd        DOUBLE PRECISION,
    failure         TEXT,
    started_at      TIMESTAMPTZ  NOT NULL,
    ended_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX restore_test_run_database_idx ON restore_test_run (database, id DESC);
CREATE TABLE restore_test_check (
    run_id     BIGINT   NOT NULL REFERENCES restore_test_run (id),
    name       TEXT     NOT NULL,
    expected   TEXT,
    actual     TEXT,
    passed     BOOLEAN  NOT NULL,
    PRIMARY KEY (run_id, name)
);

-- Scheduled work runs once per fire time across replicas: the first replica to insert the row runs it.
CREATE TABLE scheduled_fire (
    job        TEXT         NOT NULL,
    fire_time  TIMESTAMPTZ  NOT NULL,
    replica    TEXT         NOT NULL,
    PRIMARY KEY (job, fire_time)
);

-- A scaling override waiting for approval may replace the one in force: one of each at most.
DROP INDEX scaling_override_one_active;
CREATE UNIQUE INDEX scaling_override_one_per_state ON scaling_override (service, environment, state) WHERE state <> 'ENDED';

-- A release rolled back from is not what a later rollback returns to.
ALTER TABLE release ADD COLUMN rolled_back_at TIMESTAMPTZ;

-- Kind of each hold on an HPA's bounds: an override sets both, a promotion a floor or an exact size.
ALTER TABLE hpa_hold ADD COLUMN kind TEXT NOT NULL DEFAULT 'promotion' CHECK (kind IN ('override', 'promotion'));

-- The Secret values a restore's cut-over replaced, to undo it (kept out of the operation's handles,
-- which the API shows).
CREATE TABLE restore_cutover (
    operation_id  UUID  NOT NULL,
    namespace     TEXT  NOT NULL,
    secret        TEXT  NOT NULL,
    key           TEXT  NOT NULL,
    previous      TEXT,
    PRIMARY KEY (operation_id, namespace, secret, key)
);
