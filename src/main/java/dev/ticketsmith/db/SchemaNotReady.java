package dev.ticketsmith.db;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips a scheduled job while {@link DatabaseBootstrap} is still creating or migrating the schema,
 * so that the first ticks after start-up on a fresh database do not fail on missing tables.
 */
@Singleton
public class SchemaNotReady implements Scheduled.SkipPredicate {

    private final DatabaseBootstrap bootstrap;

    SchemaNotReady(DatabaseBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !bootstrap.ready();
    }
}
