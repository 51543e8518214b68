package dev.ticketsmith.catalog;

import java.util.Optional;

/**
 * How traffic is shifted from the stable version of a service to the canary.
 *
 * @param router what carries the traffic weights
 * @param ingress the Ingress whose weighted action is edited (router {@code alb-ingress})
 * @param action the action name in {@code alb.ingress.kubernetes.io/actions.<action>} (router {@code alb-ingress})
 * @param route the Gateway API HTTPRoute whose backend weights are edited (router {@code http-route})
 * @param stableService the Kubernetes Service in front of the stable pods; defaults to the deployment name
 * @param canaryService the Kubernetes Service in front of the canary pods; defaults to {@code <stableService>-canary}, and
 *                      for a blue-green service to {@code <stableService>-preview} (green's way in before it takes traffic)
 * @param port the port both Services listen on
 */
public record TrafficSpec(
        @Default("replicas") Router router,
        Optional<String> ingress,
        Optional<String> action,
        Optional<String> route,
        String stableService,
        String canaryService,
        @Default("80") int port) {

    /** The mechanism that splits traffic between stable and canary. */
    public enum Router {
        /** Weighted forward action of the AWS Load Balancer Controller on an Ingress. */
        ALB_INGRESS,
        /** Backend weights of a Gateway API HTTPRoute. */
        HTTP_ROUTE,
        /** No router: traffic follows the ratio of canary to stable replicas behind one Service. */
        REPLICAS
    }

    /** This spec with the Service names filled in from the deployment name where left out. */
    TrafficSpec withDefaults(String deployment, boolean blueGreen) {
        String stable = stableService != null ? stableService : deployment;
        String canary = canaryService != null ? canaryService : stable + (blueGreen ? "-preview" : "-canary");
        return new TrafficSpec(router, ingress, action, route, stable, canary, port);
    }
}
