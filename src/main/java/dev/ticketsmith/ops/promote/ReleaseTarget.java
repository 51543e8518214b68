package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.ops.engine.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

/** The service and namespace a release step acts on, from the catalogue. */
@ApplicationScoped
public class ReleaseTarget {

    private final Catalog catalog;

    ReleaseTarget(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The resolved service settings and environment of the operation a step belongs to. */
    public Resolved of(StepContext ctx) {
        return new Resolved(catalog.service(ctx.target(), ctx.environment()), catalog.environment(ctx.environment()).orElseThrow());
    }

    /** A service in one environment. */
    public record Resolved(ServiceSpec service, EnvironmentSpec environment) {
        public String namespace() {
            return environment.namespace();
        }

        public String deployment() {
            return service.deployment();
        }

        public String container() {
            return service.container().orElse(null);
        }
    }
}
