package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The canary Service a stable Service calls for, and whether an existing one still matches it. */
final class CanaryServices {

    private CanaryServices() {
    }

    static Service desired(Service stable, String name, Map<String, String> stableSelector) {
        Map<String, String> selector = new HashMap<>(stableSelector);
        selector.put(CanaryWorkloads.TRACK, "canary");
        Map<String, String> annotations = new HashMap<>();
        if (stable.getMetadata().getAnnotations() != null) {
            stable.getMetadata().getAnnotations().forEach((k, v) -> {
                if (k.startsWith("alb.ingress.kubernetes.io/") || k.startsWith("service.beta.kubernetes.io/")) {
                    annotations.put(k, v);
                }
            });
        }
        String type = type(stable);
        boolean external = type.equals("NodePort");
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(stable.getMetadata().getNamespace())
                .addToLabels(CanaryWorkloads.TRACK, "canary").withAnnotations(annotations).endMetadata()
                .withNewSpec().withType(type).withSelector(selector).withPorts(ports(stable.getSpec().getPorts()))
                .withSessionAffinity(stable.getSpec().getSessionAffinity())
                .withSessionAffinityConfig(stable.getSpec().getSessionAffinityConfig())
                .withExternalTrafficPolicy(external ? stable.getSpec().getExternalTrafficPolicy() : null)
                .endSpec().build();
    }

    /** Whether {@code current} has the type, selector, ports (node ports aside) and annotations {@code desired} asks for. */
    static boolean matches(Service current, Service desired) {
        return type(current).equals(desired.getSpec().getType())
                && Objects.equals(current.getSpec().getSelector(), desired.getSpec().getSelector())
                && ports(current.getSpec().getPorts()).equals(desired.getSpec().getPorts())
                && Objects.equals(orEmpty(current.getMetadata().getAnnotations()), orEmpty(desired.getMetadata().getAnnotations()));
    }

    /** {@code current} with what {@code desired} asks for; its cluster IP stays. */
    static Service corrected(Service current, Service desired) {
        return new ServiceBuilder(current).editMetadata().withAnnotations(desired.getMetadata().getAnnotations()).endMetadata()
                .editSpec().withType(desired.getSpec().getType()).withSelector(desired.getSpec().getSelector())
                .withPorts(desired.getSpec().getPorts()).withExternalTrafficPolicy(desired.getSpec().getExternalTrafficPolicy())
                .endSpec().build();
    }

    /** ClusterIP and NodePort are copied; a LoadBalancer becomes a NodePort (enough for an ALB, no new cloud load balancer). */
    private static String type(Service service) {
        String type = service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
        return type.equals("LoadBalancer") ? "NodePort" : type;
    }

    private static List<ServicePort> ports(List<ServicePort> ports) {
        return ports == null ? List.of() : ports.stream().map(p -> new ServicePortBuilder(p).withNodePort(null).build()).toList();
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
