package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.kube.routing.RouteTarget;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

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

        /**
         * What the service's router acts on: the replicas the stable ran when traffic began to move, and
         * the HPA once {@code hpa.pin} has recorded its bounds.
         */
        public RouteTarget route(StepContext ctx) {
            // before traffic has moved, a rollback keeps the stable as it is: no total to restore
            int baseline = ctx.handle(Handles.TRAFFIC_SHIFTED).isPresent()
                    ? ctx.handle(Handles.STABLE_REPLICAS).map(Integer::parseInt).orElse(0) : 0;
            Optional<String> pinned = ctx.handle(Handles.HPA_MAX).isPresent() ? service.hpa() : Optional.empty();
            return new RouteTarget(namespace(), service.traffic(), deployment(), baseline, pinned);
        }
    }
}
