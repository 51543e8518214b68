-- Releases as records: what ran where, from which operation, by whom and when. Every successful
-- promotion or rollback adds one; the first sight of a service adds what it runs ('observed').
CREATE TABLE release (
    id            BIGSERIAL    PRIMARY KEY,
    service       TEXT         NOT NULL,
    environment   TEXT         NOT NULL,
    image         TEXT         NOT NULL,
    digest        TEXT,
    operation_id  UUID,
    kind          TEXT         NOT NULL CHECK (kind IN ('promote', 'rollback', 'observed')),
    actor_id      TEXT         NOT NULL,
    actor_name    TEXT,
    released_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX release_service_idx ON release (service, environment, id DESC);

-- Locks on a service or an environment: they block promotions and scaling overrides (never a
-- rollback) until unlocked or until they expire, exactly once.
CREATE TABLE change_lock (
    id            BIGSERIAL    PRIMARY KEY,
    target        TEXT         NOT NULL,
    target_kind   TEXT         NOT NULL CHECK (target_kind IN ('SERVICE', 'ENVIRONMENT')),
    reason        TEXT         NOT NULL,
    actor_id      TEXT         NOT NULL,
    actor_name    TEXT,
    channel       TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ,
    ended_at      TIMESTAMPTZ,
    ended_by      TEXT,
    end_reason    TEXT
);
CREATE UNIQUE INDEX change_lock_one_active ON change_lock (target) WHERE ended_at IS NULL;

-- Scaling overrides: records, not operations (they never hold a service's operation lock). An
-- override is applied to the HPA (or the Deployment) by whichever replica gets to it, and ended
-- (reset, expiry) exactly once.
CREATE TABLE scaling_override (
    id             BIGSERIAL    PRIMARY KEY,
    service        TEXT         NOT NULL,
    environment    TEXT         NOT NULL,
    namespace      TEXT         NOT NULL,
    hpa            TEXT,
    deployment     TEXT         NOT NULL,
    min_replicas   INT          NOT NULL,
    max_replicas   INT          NOT NULL,
    reason         TEXT,
    actor_id       TEXT         NOT NULL,
    actor_name     TEXT,
    channel        TEXT         NOT NULL,
    state          TEXT         NOT NULL CHECK (state IN ('AWAITING_APPROVAL', 'ACTIVE', 'ENDED')),
    created_at     TIMESTAMPTZ  NOT NULL,
    duration_secs  BIGINT       NOT NULL,
    expires_at     TIMESTAMPTZ,
    applied_at     TIMESTAMPTZ,
    previous_replicas INT,
    approved_by    TEXT,
    ended_at       TIMESTAMPTZ,
    end_reason     TEXT
);
CREATE UNIQUE INDEX scaling_override_one_active ON scaling_override (service, environment) WHERE state <> 'ENDED';

-- Who holds an HPA's bounds and with what: its own bounds when the first hold was taken ('base'),
-- what TICKETSMITH last wrote, and each hold (an override's bounds, a promotion's pin). The HPA gets
-- the highest floor in force; when the last hold goes it gets its own bounds back, unless a person
-- changed it meanwhile.
CREATE TABLE hpa_owner (
    namespace     TEXT         NOT NULL,
    hpa           TEXT         NOT NULL,
    base_min      INT          NOT NULL,
    base_max      INT          NOT NULL,
    written_min   INT,
    written_max   INT,
    PRIMARY KEY (namespace, hpa)
);
CREATE TABLE hpa_hold (
    namespace     TEXT         NOT NULL,
    hpa           TEXT         NOT NULL,
    holder        TEXT         NOT NULL,
    min_replicas  INT          NOT NULL,
    max_replicas  INT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (namespace, hpa, holder)
);

-- Messages to post in a channel (expiries, drift), written with the change they announce and
-- posted by whichever replica gets to them, so none is lost and none is posted twice.
CREATE TABLE channel_announcement (
    id            BIGSERIAL    PRIMARY KEY,
    channel       TEXT         NOT NULL,
    text          TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    posted_at     TIMESTAMPTZ
);
CREATE INDEX channel_announcement_pending ON channel_announcement (id) WHERE posted_at IS NULL;
