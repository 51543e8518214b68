package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;

import java.util.OptionalInt;

/**
 * Moves a service's traffic between its stable and canary versions: weights at a layer-7 router,
 * or replica counts behind one Service. Writes are desired-state diffs: an object is changed only
 * when it differs from what the weight asks for.
 */
public interface TrafficRouter {

    TrafficSpec.Router kind();

    /**
     * Gives the canary {@code canaryWeight} percent and the stable version the rest. Weight 0 on a
     * route that does not name the canary leaves it alone: nothing ever points at a canary that
     * does not exist.
     *
     * @throws RoutingException when the router's object is missing or not set up for weighting
     */
    RouteChange setCanaryWeight(RouteTarget target, int canaryWeight);

    /**
     * Takes the canary out of the route altogether (all traffic to stable), before its Service is
     * deleted: a router must never name a Service that does not exist. Nothing to do for routing by
     * replica ratio. A missing router object is nothing to detach from.
     */
    default RouteChange detachCanary(RouteTarget target) {
        return new RouteChange(false, "no route names the canary");
    }

    /** The canary's share as the router's objects say now; empty when they are missing. */
    OptionalInt canaryWeight(RouteTarget target);

    /**
     * Before the stable version takes the new image at the end of a release: gives it back the
     * capacity it had, so traffic can return to it. Nothing to do for layer-7 routers, which never
     * scale the stable version down.
     */
    default RouteChange restoreStableCapacity(RouteTarget target) {
        return new RouteChange(false, "stable capacity untouched");
    }
}
