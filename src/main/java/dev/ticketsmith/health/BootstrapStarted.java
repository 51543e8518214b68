package dev.ticketsmith.health;

import dev.ticketsmith.catalog.CatalogProducer;
import dev.ticketsmith.db.DatabaseBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started means bootstrapped: the schema migrated by {@link DatabaseBootstrap} and the catalogue
 * loaded. Until then the startup probe holds back the liveness and readiness probes.
 */
@Startup
@ApplicationScoped
public class BootstrapStarted implements HealthCheck {

    private final DatabaseBootstrap database;
    private final CatalogProducer catalog;

    BootstrapStarted(DatabaseBootstrap database, CatalogProducer catalog) {
        this.database = database;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("bootstrap").status(database.ready() && catalog.loaded())
                .withData("schemaMigrated", database.ready())
                .withData("catalogueLoaded", catalog.loaded())
                .build();
    }
}
