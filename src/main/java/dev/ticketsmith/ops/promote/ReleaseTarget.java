package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.routing.RouteTarget;
import dev.ticketsmith.ops.engine.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * What a release step acts on: the {@link ReleaseSpec} its plan froze. Only operations recorded
 * before plans carried their settings fall back to the catalogue as it is now.
 */
@ApplicationScoped
public class ReleaseTarget {

    private final Catalog catalog;

    ReleaseTarget(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The frozen settings of the operation a step belongs to. */
    public ReleaseSpec of(StepContext ctx) {
        Map<String, String> plan = ctx.plan();
        if (!plan.isEmpty()) {
            return ReleaseSpec.fromContext(plan);
        }
        return ReleaseSpec.of(catalog.service(ctx.target(), ctx.environment()), catalog.environment(ctx.environment()).orElseThrow());
    }

    /**
     * What the service's router acts on: the replicas the stable ran when traffic began to move, and
     * the HPA once {@code hpa.pin} has recorded its bounds.
     */
    public static RouteTarget route(ReleaseSpec spec, StepContext ctx) {
        // before traffic has moved, a rollback keeps the stable as it is: no total to restore
        int baseline = ctx.handle(Handles.TRAFFIC_SHIFTED).isPresent()
                ? ctx.handle(Handles.STABLE_REPLICAS).map(Integer::parseInt).orElse(0) : 0;
        Optional<String> pinned = ctx.handle(Handles.HPA_MAX).isPresent() ? spec.stableHpa() : Optional.empty();
        return new RouteTarget(spec.namespace(), spec.traffic(), spec.deployment(), baseline, pinned, "promote:" + ctx.operationId());
    }
}
