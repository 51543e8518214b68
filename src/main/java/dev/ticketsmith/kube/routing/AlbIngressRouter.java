package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    private final KubernetesClient client;

    AlbIngressRouter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public TrafficSpec.Router kind() {
        return TrafficSpec.Router.ALB_INGRESS;
    }

    @Override
    public RouteChange setCanaryWeight(RouteTarget target, int canaryWeight) {
        String namespace = target.namespace();
        TrafficSpec traffic = target.traffic();
        String name = traffic.ingress().orElseThrow();
        String action = traffic.action().orElseThrow();
        Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName(name).get();
        if (ingress == null) {
            throw new RoutingException("Ingress `" + name + "` does not exist in namespace `" + namespace + "`.");
        }
        if (!routesToAction(ingress, action)) {
            throw new RoutingException("Ingress `" + name + "` has no rule whose backend is the action: set a path's backend to"
                    + " `service.name: " + action + "` with `port.name: use-annotation`.");
        }
        String key = ACTION_PREFIX + action;
        String current = ingress.getMetadata().getAnnotations() == null ? null : ingress.getMetadata().getAnnotations().get(key);
        String desired = AlbForwardAction.withWeights(current, traffic.stableService(), traffic.canaryService(), traffic.port(), canaryWeight);
        String detail = "Ingress " + name + " action " + action + ": canary "
                + AlbForwardAction.canaryWeight(current, traffic.canaryService()).orElse(0) + "% → " + canaryWeight + "%";
        if (AlbForwardAction.same(current, desired)) {
            return new RouteChange(false, detail);
        }
        client.network().v1().ingresses().inNamespace(namespace).withName(name)
                .edit(i -> new IngressBuilder(i).editMetadata().addToAnnotations(key, desired).endMetadata().build());
        return new RouteChange(true, detail);
    }

    @Override
    public OptionalInt canaryWeight(RouteTarget target) {
        String namespace = target.namespace();
        TrafficSpec traffic = target.traffic();
        Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName(traffic.ingress().orElseThrow()).get();
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
