-- The outcome of each verification of the whole audit chain (by the background job or
-- GET /api/audit/verify). The audit-chain metric reads the newest row, so every replica reports
-- the same status, and no scrape walks the chain.
CREATE TABLE audit_verification (
    id               BIGSERIAL    PRIMARY KEY,
    verified_at      TIMESTAMPTZ  NOT NULL,
    intact           BOOLEAN      NOT NULL,
    records_checked  BIGINT       NOT NULL,
    first_broken_seq BIGINT,
    problem          TEXT,
    took_ms          BIGINT       NOT NULL
);
