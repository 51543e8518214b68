package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;

import java.util.Optional;

/**
 * What a router moves traffic for. Layer-7 routers need only the namespace and the routing
 * settings; routing by replica ratio also needs the stable Deployment, the replicas it ran when the
 * release began (the total the ratio keeps) and the HPA the release pinned, if any.
 *
 * @param namespace the service's namespace
 * @param traffic the service's routing settings
 * @param deployment the stable Deployment
 * @param baselineReplicas the stable replicas when the release began
 * @param pinnedHpa the stable HPA, once the release has recorded its bounds (so they can be restored)
 * @param holder who holds the stable HPA's bounds for the release ({@code HpaBounds}), or null
 */
public record RouteTarget(String namespace, TrafficSpec traffic, String deployment, int baselineReplicas, Optional<String> pinnedHpa,
                          String holder) {

    /** A target for the layer-7 routers, which move weights on an object and leave replicas alone. */
    public static RouteTarget layer7(String namespace, TrafficSpec traffic) {
        return new RouteTarget(namespace, traffic, traffic.stableService(), 0, Optional.empty(), null);
    }
}
