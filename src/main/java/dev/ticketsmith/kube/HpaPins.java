package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalInt;

/**
 * HorizontalPodAutoscalers during a release: the stable HPA's {@code minReplicas} is pinned to
 * the replicas running when traffic starts to move (so it cannot scale in under shifting load)
 * and restored afterwards; the canary gets its own HPA, a copy aimed at the canary Deployment.
 */
@ApplicationScoped
public class HpaPins {

    private final Clusters clusters;

    HpaPins(Clusters clusters) {
        this.clusters = clusters;
    }

    public static String canaryName(String hpa) {
        return hpa + "-canary";
    }

    /** The stable HPA's minReplicas now, or empty when there is no such HPA. */
    public OptionalInt minReplicas(String namespace, String hpa) {
        HorizontalPodAutoscaler h = get(namespace, hpa);
        return h == null ? OptionalInt.empty() : OptionalInt.of(h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas());
    }

    /** The stable HPA's maxReplicas now, or empty when there is no such HPA. */
    public OptionalInt maxReplicas(String namespace, String hpa) {
        HorizontalPodAutoscaler h = get(namespace, hpa);
        return h == null ? OptionalInt.empty() : OptionalInt.of(h.getSpec().getMaxReplicas());
    }

    /**
     * Sets both bounds of an HPA, which holds its target at exactly {@code min..max}; used to keep
     * the stable size where a replica-ratio split wants it. True when written.
     */
    public boolean setBounds(String namespace, String hpa, int min, int max) {
        HorizontalPodAutoscaler h = get(namespace, hpa);
        int lower = Math.max(0, min);
        int upper = Math.max(lower, max);
        if (h == null || (h.getSpec().getMinReplicas() != null && h.getSpec().getMinReplicas() == lower
                && h.getSpec().getMaxReplicas() != null && h.getSpec().getMaxReplicas() == upper)) {
            return false;
        }
        clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(hpa)
                .edit(x -> new HorizontalPodAutoscalerBuilder(x).editSpec().withMinReplicas(lower).withMaxReplicas(upper).endSpec().build());
        return true;
    }

    /**
     * Raises an HPA's minReplicas to at least {@code min} (and its maxReplicas with it when lower);
     * never lowers either. False when there is no such HPA or nothing had to change.
     */
    public boolean raiseFloor(String namespace, String hpa, int min) {
        HorizontalPodAutoscaler h = get(namespace, hpa);
        if (h == null) {
            return false;
        }
        int currentMin = h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas();
        if (currentMin >= min) {
            return false;
        }
        return setBounds(namespace, hpa, min, Math.max(min, h.getSpec().getMaxReplicas()));
    }

    /** Sets the stable HPA's minReplicas (never above its maxReplicas); true when written. */
    public boolean setMinReplicas(String namespace, String hpa, int minReplicas) {
        HorizontalPodAutoscaler h = get(namespace, hpa);
        if (h == null) {
            return false;
        }
        int bounded = Math.min(minReplicas, h.getSpec().getMaxReplicas());
        if (h.getSpec().getMinReplicas() != null && h.getSpec().getMinReplicas() == bounded) {
            return false;
        }
        clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(hpa)
                .edit(x -> new HorizontalPodAutoscalerBuilder(x).editSpec().withMinReplicas(bounded).endSpec().build());
        return true;
    }

    /** Creates or corrects the canary's HPA: the stable one's metrics, aimed at the canary Deployment. */
    public void ensureCanaryHpa(String namespace, String hpa, String canaryDeployment, int minReplicas, int maxReplicas) {
        HorizontalPodAutoscaler stable = get(namespace, hpa);
        if (stable == null) {
            return;
        }
        HorizontalPodAutoscaler desired = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(canaryName(hpa)).withNamespace(Clusters.local(namespace)).addToLabels(CanaryWorkloads.TRACK, "canary").endMetadata()
                .withNewSpec().withMinReplicas(minReplicas).withMaxReplicas(Math.max(minReplicas, maxReplicas))
                .withMetrics(stable.getSpec().getMetrics()).withBehavior(stable.getSpec().getBehavior())
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(canaryDeployment).endScaleTargetRef()
                .endSpec().build();
        HorizontalPodAutoscaler current = get(namespace, canaryName(hpa));
        if (current != null && current.getSpec().equals(desired.getSpec())) {
            return;
        }
        clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).resource(desired).createOr(NonDeletingOperation::update);
    }

    /** Deletes the canary's HPA if TICKETSMITH made it; true when something was deleted. */
    public boolean removeCanaryHpa(String namespace, String hpa) {
        HorizontalPodAutoscaler h = get(namespace, canaryName(hpa));
        if (h == null || h.getMetadata().getLabels() == null || !"canary".equals(h.getMetadata().getLabels().get(CanaryWorkloads.TRACK))) {
            return false;
        }
        return !clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(canaryName(hpa)).delete().isEmpty();
    }

    private HorizontalPodAutoscaler get(String namespace, String name) {
        return clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(name).get();
    }
}
