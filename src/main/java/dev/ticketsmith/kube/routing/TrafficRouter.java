package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;

import java.util.OptionalInt;

/**
 * Moves a service's traffic between its stable and canary Services at the layer-7 router. Writes
 * are desired-state diffs: the router's object is changed only when the weights differ.
 */
public interface TrafficRouter {

    TrafficSpec.Router kind();

    /**
     * Gives the canary {@code canaryWeight} percent and the stable Service the rest.
     *
     * @throws RoutingException when the router's object is missing or not set up for weighting
     */
    RouteChange setCanaryWeight(String namespace, TrafficSpec traffic, int canaryWeight);

    /** The canary's share as the router's object says now; empty when the object is missing. */
    OptionalInt canaryWeight(String namespace, TrafficSpec traffic);
}
