package dev.ticketsmith.catalog;

import dev.ticketsmith.command.CommandResolver;
import dev.ticketsmith.config.TicketsmithSettings;
import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.Policy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Loads the catalogue named by {@code TICKETSMITH_CATALOG} once, at start-up: an invalid catalogue
 * stops the service with every problem listed, field by field. Also produces the policy and the
 * command resolver, which both stand on it.
 */
@ApplicationScoped
public class CatalogProducer {

    private static final Logger LOG = Logger.getLogger(CatalogProducer.class);
    private volatile boolean loaded;

    @Produces
    @Singleton
    Catalog catalog(TicketsmithSettings settings) throws CatalogException {
        String file = settings.catalog().orElseThrow(() -> new IllegalStateException(
                "TICKETSMITH_CATALOG is not set: point it at the catalogue YAML (see docs/configuration.md)"));
        Catalog catalog = CatalogLoader.load(Path.of(file));
        LOG.infof("Catalogue %s: %d environments, %d services, %d databases", file,
                catalog.environments().size(), catalog.services().size(), catalog.databases().size());
        return catalog;
    }

    @Produces
    @Singleton
    Policy policy(Catalog catalog, GroupMembership membership) {
        return new Policy(catalog, membership);
    }

    @Produces
    @Singleton
    CommandResolver resolver(Catalog catalog) {
        return new CommandResolver(catalog);
    }

    /** Reads the catalogue during start-up rather than on the first command. */
    void loadEagerly(@Observes @Priority(2) StartupEvent event, Catalog catalog) {
        catalog.environments();
        loaded = true;
    }

    /** True once the catalogue was read at start-up (the startup health check). */
    public boolean loaded() {
        return loaded;
    }
}
