package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS Load Balancer Controller's {@code TargetGroupBinding} objects (elbv2.k8s.aws/v1beta1):
 * which target group carries a Service's pods. The controller creates one per Service and port an
 * Ingress routes to, so they map the canary and stable Services to the target groups the ALB weighs.
 */
@ApplicationScoped
public class TargetGroupBindings {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("elbv2.k8s.aws").withVersion("v1beta1").withKind("TargetGroupBinding")
            .withPlural("targetgroupbindings").withNamespaced(true).build();

    static final String STACK_NAME = "ingress.k8s.aws/stack-name";
    static final String STACK = "ingress.k8s.aws/stack";
    static final String GROUP_NAME = "alb.ingress.kubernetes.io/group.name";

    private final Clusters clusters;

    TargetGroupBindings(Clusters clusters) {
        this.clusters = clusters;
    }

    private static boolean madeFor(GenericKubernetesResource binding, String ingress, String group) {
        Map<String, String> labels = binding.getMetadata().getLabels();
        return labels != null && (ingress.equals(labels.get(STACK_NAME)) || (group != null && group.equals(labels.get(STACK))));
    }

    private String groupOf(String namespace, String ingress) {
        if (ingress.isEmpty()) {
            return null;
        }
        var found = clusters.client(namespace).network().v1().ingresses().inNamespace(Clusters.local(namespace)).withName(ingress).get();
        return found == null || found.getMetadata().getAnnotations() == null ? null : found.getMetadata().getAnnotations().get(GROUP_NAME);
    }

    /**
     * The ARN of the target group bound to a Service (and port, when the binding names a number).
     * A Service behind several Ingresses has a binding for each: the one the controller made for
     * {@code ingress} wins (label {@code ingress.k8s.aws/stack-name}, or {@code ingress.k8s.aws/stack}
     * naming the Ingress's {@code alb.ingress.kubernetes.io/group.name} when it belongs to a group).
     */
    public Optional<String> targetGroupArn(String namespace, String service, int port, String ingress) {
        List<GenericKubernetesResource> bindings = new ArrayList<>(clusters.client(namespace).genericKubernetesResources(CONTEXT).inNamespace(Clusters.local(namespace))
                .list().getItems());
        String group = groupOf(namespace, ingress);
        bindings.sort(Comparator.comparing(b -> !madeFor(b, ingress, group)));
        for (GenericKubernetesResource binding : bindings) {
            Map<String, Object> spec = binding.get("spec");
            if (spec == null || !(spec.get("serviceRef") instanceof Map<?, ?> ref) || !service.equals(ref.get("name"))) {
                continue;
            }
            Object boundPort = ref.get("port");
            if (boundPort instanceof Number n && n.intValue() != port) {
                continue;
            }
            if (spec.get("targetGroupARN") instanceof String arn) {
                return Optional.of(arn);
            }
        }
        return Optional.empty();
    }
}
