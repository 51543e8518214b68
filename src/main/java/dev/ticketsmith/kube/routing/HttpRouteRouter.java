package dev.ticketsmith.kube.routing;

import dev.ticketsmith.kube.Clusters;
import dev.ticketsmith.catalog.TrafficSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Weights through a Gateway API {@code HTTPRoute} (gateway.networking.k8s.io/v1): in every rule
 * that sends traffic to the stable Service, the stable and canary backendRefs carry the weights
 * (the canary ref is added next to the stable one when missing).
 */
@ApplicationScoped
public class HttpRouteRouter implements TrafficRouter {

    private final Clusters clusters;

    HttpRouteRouter(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public TrafficSpec.Router kind() {
        return TrafficSpec.Router.HTTP_ROUTE;
    }

    @Override
    public RouteChange setCanaryWeight(RouteTarget target, int canaryWeight) {
        String namespace = target.namespace();
        TrafficSpec traffic = target.traffic();
        String name = traffic.route().orElseThrow();
        HTTPRoute route = clusters.client(namespace).resources(HTTPRoute.class).inNamespace(Clusters.local(namespace)).withName(name).get();
        if (route == null) {
            throw new RoutingException("HTTPRoute `" + name + "` does not exist in namespace `" + namespace + "`.");
        }
        if (weightedRules(route, traffic).isEmpty()) {
            throw new RoutingException("HTTPRoute `" + name + "` has no rule with a backendRef to Service `" + traffic.stableService() + "`.");
        }
        String detail = "HTTPRoute " + name + ": canary " + weightIn(route, traffic).orElse(0) + "% → " + canaryWeight + "%";
        if (canaryWeight == 0 && weightIn(route, traffic).isEmpty()) {
            return new RouteChange(false, "HTTPRoute " + name + " does not name the canary: all traffic goes to stable");
        }
        HTTPRoute desired = withWeights(route, traffic, canaryWeight);
        if (desired.getSpec().equals(route.getSpec())) {
            return new RouteChange(false, detail);
        }
        clusters.client(namespace).resources(HTTPRoute.class).inNamespace(Clusters.local(namespace)).withName(name).edit(r -> withWeights(r, traffic, canaryWeight));
        return new RouteChange(true, detail);
    }

    @Override
    public RouteChange detachCanary(RouteTarget target) {
        TrafficSpec traffic = target.traffic();
        String name = traffic.route().orElseThrow();
        HTTPRoute route = clusters.client(target.namespace()).resources(HTTPRoute.class).inNamespace(Clusters.local(target.namespace())).withName(name).get();
        if (route == null || weightIn(route, traffic).isEmpty()) {
            return new RouteChange(false, "HTTPRoute " + name + " does not name the canary");
        }
        clusters.client(target.namespace()).resources(HTTPRoute.class).inNamespace(Clusters.local(target.namespace())).withName(name).edit(r -> withoutCanary(r, traffic));
        return new RouteChange(true, "HTTPRoute " + name + " sends to " + traffic.stableService() + " alone");
    }

    /**
     * The route with the canary's backendRefs gone; a stable ref left alone in its rule gets its
     * weight back to the default, as it had before the release.
     */
    static HTTPRoute withoutCanary(HTTPRoute route, TrafficSpec traffic) {
        HTTPRoute copy = new HTTPRouteBuilder(route).build();
        for (HTTPRouteRule rule : weightedRules(copy, traffic)) {
            List<HTTPBackendRef> refs = new ArrayList<>(rule.getBackendRefs().stream()
                    .filter(ref -> !traffic.canaryService().equals(ref.getName())).toList());
            if (refs.size() == 1) {
                refs.set(0, new HTTPBackendRefBuilder(refs.get(0)).withWeight(null).build());
            }
            rule.setBackendRefs(refs);
        }
        return copy;
    }

    @Override
    public OptionalInt canaryWeight(RouteTarget target) {
        String namespace = target.namespace();
        TrafficSpec traffic = target.traffic();
        HTTPRoute route = clusters.client(namespace).resources(HTTPRoute.class).inNamespace(Clusters.local(namespace)).withName(traffic.route().orElseThrow()).get();
        return route == null ? OptionalInt.empty() : weightIn(route, traffic);
    }

    static HTTPRoute withWeights(HTTPRoute route, TrafficSpec traffic, int canaryWeight) {
        HTTPRoute copy = new HTTPRouteBuilder(route).build();
        for (HTTPRouteRule rule : weightedRules(copy, traffic)) {
            List<HTTPBackendRef> refs = new ArrayList<>();
            HTTPBackendRef stable = null;
            for (HTTPBackendRef ref : rule.getBackendRefs()) {
                if (traffic.canaryService().equals(ref.getName())) {
                    continue;
                }
                if (traffic.stableService().equals(ref.getName())) {
                    stable = new HTTPBackendRefBuilder(ref).withWeight(100 - canaryWeight).build();
                    refs.add(stable);
                } else {
                    refs.add(ref);
                }
            }
            refs.add(new HTTPBackendRefBuilder(stable).withName(traffic.canaryService()).withWeight(canaryWeight).build());
            rule.setBackendRefs(refs);
        }
        return copy;
    }

    private static List<HTTPRouteRule> weightedRules(HTTPRoute route, TrafficSpec traffic) {
        if (route.getSpec() == null || route.getSpec().getRules() == null) {
            return List.of();
        }
        return route.getSpec().getRules().stream()
                .filter(r -> r.getBackendRefs() != null
                        && r.getBackendRefs().stream().anyMatch(b -> traffic.stableService().equals(b.getName())))
                .toList();
    }

    private static OptionalInt weightIn(HTTPRoute route, TrafficSpec traffic) {
        Optional<Integer> weight = weightedRules(route, traffic).stream()
                .flatMap(r -> r.getBackendRefs().stream())
                .filter(b -> traffic.canaryService().equals(b.getName()))
                .map(b -> b.getWeight() == null ? 1 : b.getWeight())
                .findFirst();
        return weight.map(OptionalInt::of).orElse(OptionalInt.empty());
    }
}
