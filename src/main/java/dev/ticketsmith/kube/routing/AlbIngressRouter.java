package dev.ticketsmith.kube.routing;

import dev.ticketsmith.kube.Clusters;
import dev.ticketsmith.catalog.TrafficSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Weights through the AWS Load Balancer Controller: the Ingress rule's backend names the action
 * ({@code service.name: <action>}, {@code port.name: use-annotation}) and the annotation
 * {@code alb.ingress.kubernetes.io/actions.<action>} forwards to the stable and canary Services.
 */
@ApplicationScoped
public class AlbIngressRouter implements TrafficRouter {

    static final String ACTION_PREFIX = "alb.ingress.kubernetes.io/actions.";

    private final Clusters clusters;

    AlbIngressRouter(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public TrafficSpec.Router kind() {
        return TrafficSpec.Router.ALB_INGRESS;
    }

    @Override
    public RouteChange setCanaryWeight(RouteTarget target, int canaryWeight) {
        TrafficSpec traffic = target.traffic();
        Ingress ingress = ingress(target);
        String current = action(ingress, traffic);
        String detail = "Ingress " + ingress.getMetadata().getName() + " action " + traffic.action().orElseThrow() + ": canary "
                + AlbForwardAction.canaryWeight(current, traffic.canaryService()).orElse(0) + "% → " + canaryWeight + "%";
        if (canaryWeight == 0 && !AlbForwardAction.namesCanary(current, traffic.canaryService())) {
            return new RouteChange(false, "Ingress " + ingress.getMetadata().getName() + " action " + traffic.action().orElseThrow()
                    + " does not name the canary: all traffic goes to stable");
        }
        String desired = AlbForwardAction.withWeights(current, traffic.stableService(), traffic.canaryService(), traffic.port(), canaryWeight);
        return write(target, current, desired, detail);
    }

    @Override
    public RouteChange detachCanary(RouteTarget target) {
        TrafficSpec traffic = target.traffic();
        Ingress ingress = clusters.client(target.namespace()).network().v1().ingresses().inNamespace(Clusters.local(target.namespace())).withName(traffic.ingress().orElseThrow()).get();
        String current = ingress == null ? null : action(ingress, traffic);
        if (ingress == null || !AlbForwardAction.namesCanary(current, traffic.canaryService())) {
            return new RouteChange(false, "no action of Ingress " + traffic.ingress().orElseThrow() + " names the canary");
        }
        String desired = AlbForwardAction.withoutCanary(current, traffic.stableService(), traffic.canaryService(), traffic.port());
        return write(target, current, desired, "Ingress " + ingress.getMetadata().getName() + " action " + traffic.action().orElseThrow()
                + " forwards to " + traffic.stableService() + " alone");
    }

    private RouteChange write(RouteTarget target, String current, String desired, String detail) {
        if (AlbForwardAction.same(current, desired)) {
            return new RouteChange(false, detail);
        }
        String key = ACTION_PREFIX + target.traffic().action().orElseThrow();
        clusters.client(target.namespace()).network().v1().ingresses().inNamespace(Clusters.local(target.namespace())).withName(target.traffic().ingress().orElseThrow())
                .edit(i -> new IngressBuilder(i).editMetadata().addToAnnotations(key, desired).endMetadata().build());
        return new RouteChange(true, detail);
    }

    /** The configured Ingress, which must route a path to the action. */
    private Ingress ingress(RouteTarget target) {
        String namespace = target.namespace();
        String name = target.traffic().ingress().orElseThrow();
        String action = target.traffic().action().orElseThrow();
        Ingress ingress = clusters.client(namespace).network().v1().ingresses().inNamespace(Clusters.local(namespace)).withName(name).get();
        if (ingress == null) {
            throw new RoutingException("Ingress `" + name + "` does not exist in namespace `" + namespace + "`.");
        }
        if (!routesToAction(ingress, action)) {
            throw new RoutingException("Ingress `" + name + "` has no rule whose backend is the action: set a path's backend to"
                    + " `service.name: " + action + "` with `port.name: use-annotation`.");
        }
        return ingress;
    }

    private static String action(Ingress ingress, TrafficSpec traffic) {
        var annotations = ingress.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ACTION_PREFIX + traffic.action().orElseThrow());
    }

    @Override
    public OptionalInt canaryWeight(RouteTarget target) {
        String namespace = target.namespace();
        TrafficSpec traffic = target.traffic();
        Ingress ingress = clusters.client(namespace).network().v1().ingresses().inNamespace(Clusters.local(namespace)).withName(traffic.ingress().orElseThrow()).get();
        if (ingress == null || ingress.getMetadata().getAnnotations() == null) {
            return OptionalInt.empty();
        }
        return AlbForwardAction.canaryWeight(ingress.getMetadata().getAnnotations().get(ACTION_PREFIX + traffic.action().orElseThrow()),
                traffic.canaryService());
    }

    private static boolean routesToAction(Ingress ingress, String action) {
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return false;
        }
        return ingress.getSpec().getRules().stream()
                .map(IngressRule::getHttp).filter(Objects::nonNull)
                .flatMap(http -> http.getPaths().stream())
                .map(HTTPIngressPath::getBackend).filter(b -> b != null && b.getService() != null)
                .anyMatch(b -> action.equals(b.getService().getName()) && b.getService().getPort() != null
                        && "use-annotation".equals(b.getService().getPort().getName()));
    }
}
