package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    private final KubernetesClient client;

    TargetGroupBindings(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The ARN of the target group bound to a Service (and port, when the binding names a number).
     * A Service behind several Ingresses has a binding for each: the one the controller made for
     * {@code ingress} (label {@code ingress.k8s.aws/stack-name}) wins.
     */
    public Optional<String> targetGroupArn(String namespace, String service, int port, String ingress) {
        List<GenericKubernetesResource> bindings = new ArrayList<>(client.genericKubernetesResources(CONTEXT).inNamespace(namespace)
                .list().getItems());
        bindings.sort(Comparator.comparing(b -> !ingress.equals(b.getMetadata().getLabels() == null ? null
                : b.getMetadata().getLabels().get(STACK_NAME))));
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
