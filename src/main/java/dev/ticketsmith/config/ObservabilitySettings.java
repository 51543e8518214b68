package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Health checks, the metrics read from PostgreSQL and the audit chain's background verification.
 * Keys under {@code ticketsmith.observability}; see docs/observability.md.
 */
@ConfigMapping(prefix = "ticketsmith.observability")
public interface ObservabilitySettings {

    /** Longest the readiness check waits for PostgreSQL to answer {@code SELECT 1}; longer is DOWN. */
    @WithDefault("2s")
    Duration databaseTimeout();

    /**
     * How old the reported Slack and Kubernetes reachability may get before a probe starts a new
     * check in the background (the probe itself never waits for it).
     */
    @WithDefault("30s")
    Duration dependencyCheckEvery();

    /** How often the figures read from PostgreSQL (operations, backups, restore tests, audit) are refreshed; {@code off} disables. */
    @WithDefault("15s")
    String refreshEvery();

    /** How often the whole audit chain is verified, by one replica at a time, and the result stored; {@code off} disables. */
    @WithDefault("1h")
    String auditVerifyEvery();
}
