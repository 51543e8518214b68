package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Start-up behaviour of the PostgreSQL schema. Keys under {@code ticketsmith.database}. */
@ConfigMapping(prefix = "ticketsmith.database")
public interface DatabaseSettings {

    /** Create the configured database when the server does not have it (dev and test only). */
    @WithDefault("false")
    boolean createIfMissing();

    /** Apply Flyway migrations at start-up. Replicas take Flyway's advisory lock in turn. */
    @WithDefault("true")
    boolean migrateAtStart();
}
