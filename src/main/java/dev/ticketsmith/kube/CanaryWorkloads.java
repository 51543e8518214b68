package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canary (green) side of a release, through fabric8: a Deployment {@code <stable>-canary}
 * cloned from the stable one with the new image and the label {@code ticketsmith.dev/track: canary}
 * on its pods and selector, and, for layer-7 routers, a canary Service selecting those pods.
 * Every write is a desired-state diff.
 */
@ApplicationScoped
public class CanaryWorkloads {

    public static final String TRACK = "ticketsmith.dev/track";
    public static final String OPERATION = "ticketsmith.dev/operation";

    private final Clusters clusters;

    CanaryWorkloads(Clusters clusters) {
        this.clusters = clusters;
    }

    public static String canaryName(String stableDeployment) {
        return stableDeployment + "-canary";
    }

    /** The stable Deployment; a missing one is an error the user can act on. */
    public Deployment stable(String namespace, String deployment) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
        if (d == null) {
            throw new WorkloadException("Deployment `" + deployment + "` does not exist in namespace `" + namespace + "`.");
        }
        return d;
    }

    /** The image of the container TICKETSMITH releases (the named one, or the only one). */
    public static String imageOf(Deployment d, String container) {
        return releasedContainer(d, container).getImage();
    }

    /** Creates or corrects the canary Deployment; true when something was written. */
    public boolean ensureCanary(String namespace, String stableName, String container, String image, int replicas, String operationId) {
        Deployment stable = stable(namespace, stableName);
        String name = canaryName(stableName);
        Deployment current = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(name).get();
        if (current != null && replicas == orOne(current.getSpec().getReplicas())
                && image.equals(releasedContainer(current, container).getImage())) {
            return false;
        }
        Map<String, String> podLabels = new HashMap<>(stable.getSpec().getTemplate().getMetadata().getLabels());
        podLabels.put(TRACK, "canary");
        Map<String, String> selector = new HashMap<>(stable.getSpec().getSelector().getMatchLabels());
        selector.put(TRACK, "canary");
        String containerName = releasedContainer(stable, container).getName();
        Deployment desired = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(Clusters.local(namespace))
                .addToLabels(stable.getMetadata().getLabels() == null ? Map.of() : stable.getMetadata().getLabels())
                .addToLabels(TRACK, "canary").addToAnnotations(OPERATION, operationId).endMetadata()
                .withSpec(new DeploymentSpecBuilder(stable.getSpec())
                        .withReplicas(replicas)
                        .editSelector().withMatchLabels(selector).endSelector()
                        .editTemplate().editMetadata().withLabels(podLabels).endMetadata()
                        .editSpec().editMatchingContainer(c -> c.getName().equals(containerName)).withImage(image).endContainer()
                        .endSpec().endTemplate().build())
                .build();
        clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).resource(desired).createOr(NonDeletingOperation::update);
        return true;
    }

    /**
     * Creates or corrects the canary Service next to the stable one: the stable Service's type
     * ({@code NodePort} for ALB target type {@code instance}; a {@code LoadBalancer} becomes a
     * {@code NodePort}, so no second cloud load balancer is made), its ports (node ports are
     * allocated afresh), session affinity and traffic policy, the stable selector as it was before
     * the release narrowed to canary pods, and its load balancer annotations (an ALB health-check
     * path set there applies to the canary's target group too). A canary Service someone else made
     * is left alone. True when written.
     */
    public boolean ensureCanaryService(String namespace, String stableService, String canaryService, Map<String, String> stableSelector) {
        Service stable = clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(stableService).get();
        if (stable == null) {
            throw new WorkloadException("Service `" + stableService + "` does not exist in namespace `" + namespace + "`.");
        }
        if (stableSelector == null || stableSelector.isEmpty()) {
            throw new WorkloadException("Service `" + stableService + "` has no selector (type " + stable.getSpec().getType()
                    + "): a canary needs a Service that selects pods.");
        }
        Service desired = CanaryServices.desired(stable, canaryService, stableSelector);
        Service current = clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(canaryService).get();
        if (current == null) {
            clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).resource(desired).create();
            return true;
        }
        if (!isOurs(current.getMetadata().getLabels()) || CanaryServices.matches(current, desired)) {
            return false;
        }
        clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(canaryService).edit(s -> CanaryServices.corrected(s, desired));
        return true;
    }

    /** Whether any pod of the canary (the stable's pod selector narrowed to the canary track) still exists. */
    public boolean canaryPodsLeft(String namespace, String stableName) {
        Deployment stable = stable(namespace, stableName);
        Map<String, String> selector = new HashMap<>(stable.getSpec().getSelector().getMatchLabels());
        selector.put(TRACK, "canary");
        return !clusters.client(namespace).pods().inNamespace(Clusters.local(namespace)).withLabels(selector).list().getItems().isEmpty();
    }

    /** Readiness, restarts and crash loops of the canary's pods. */
    public CanaryState canaryState(String namespace, String stableName) {
        Deployment canary = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(canaryName(stableName)).get();
        if (canary == null) {
            return new CanaryState(false, 0, 0, 0, null, null);
        }
        List<Pod> pods = clusters.client(namespace).pods().inNamespace(Clusters.local(namespace)).withLabels(canary.getSpec().getSelector().getMatchLabels()).list().getItems();
        int restarts = 0;
        String crashLoop = null;
        for (Pod pod : pods) {
            List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
            for (ContainerStatus s : statuses == null ? List.<ContainerStatus>of() : statuses) {
                restarts += s.getRestartCount() == null ? 0 : s.getRestartCount();
                if (s.getState() != null && s.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(s.getState().getWaiting().getReason())) {
                    crashLoop = pod.getMetadata().getName();
                }
            }
        }
        int ready = canary.getStatus() == null || canary.getStatus().getReadyReplicas() == null ? 0 : canary.getStatus().getReadyReplicas();
        String stalled = canary.getStatus() == null || canary.getStatus().getConditions() == null ? null
                : canary.getStatus().getConditions().stream()
                        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                        .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst().orElse(null);
        return new CanaryState(true, orOne(canary.getSpec().getReplicas()), ready, restarts, crashLoop, stalled);
    }

    /** Gives the stable Deployment an image; true when it was written. */
    public boolean setStableImage(String namespace, String stableName, String container, String image) {
        Deployment stable = stable(namespace, stableName);
        String containerName = releasedContainer(stable, container).getName();
        if (image.equals(releasedContainer(stable, container).getImage())) {
            return false;
        }
        clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(stableName).edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editMatchingContainer(c -> c.getName().equals(containerName))
                .withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
        return true;
    }

    /** The replicas a Deployment asks for, or empty when it does not exist. */
    public java.util.OptionalInt replicas(String namespace, String name) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(name).get();
        return d == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(orOne(d.getSpec().getReplicas()));
    }

    /**
     * The replicas of a Deployment that run its current template and are ready, as far as its status
     * tells (0 when it does not exist or its status is older than its spec): mid-rollout, pods of the
     * previous template do not count.
     */
    public int readyOnTemplate(String namespace, String name) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(name).get();
        var status = d == null ? null : d.getStatus();
        if (status == null || (status.getObservedGeneration() != null && d.getMetadata().getGeneration() != null
                && status.getObservedGeneration() < d.getMetadata().getGeneration())) {
            return 0;
        }
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        int updated = status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        return Math.min(ready, updated);
    }

    /** Sets a Deployment's replicas; true when written, false when it already has them or does not exist. */
    public boolean scale(String namespace, String name, int replicas) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(name).get();
        if (d == null || (d.getSpec().getReplicas() != null && d.getSpec().getReplicas() == replicas)) {
            return false;
        }
        clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(name)
                .edit(x -> new DeploymentBuilder(x).editSpec().withReplicas(replicas).endSpec().build());
        return true;
    }

    /**
     * True once every stable replica runs the current template, ready or not (no pod of an earlier
     * template is left serving): the controller has finished replacing pods.
     */
    public boolean stableUpdated(String namespace, String stableName) {
        Deployment d = stable(namespace, stableName);
        var status = d.getStatus();
        int desired = orOne(d.getSpec().getReplicas());
        return status != null && status.getUpdatedReplicas() != null && status.getUpdatedReplicas() >= desired
                && (status.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || status.getObservedGeneration() >= d.getMetadata().getGeneration());
    }

    /** True once every stable replica runs the current template and is ready. */
    public boolean stableRolledOut(String namespace, String stableName) {
        Deployment d = stable(namespace, stableName);
        var status = d.getStatus();
        int desired = orOne(d.getSpec().getReplicas());
        return status != null && Objects.equals(status.getUpdatedReplicas(), desired) && Objects.equals(status.getReadyReplicas(), desired)
                && (status.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || status.getObservedGeneration() >= d.getMetadata().getGeneration());
    }

    /** Deletes the canary Deployment; true when there was one. */
    public boolean deleteCanaryDeployment(String namespace, String stableName) {
        return !clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(canaryName(stableName)).delete().isEmpty();
    }

    /** Deletes the canary Service if TICKETSMITH made it; true when something was deleted. */
    public boolean deleteCanaryService(String namespace, String canaryService) {
        Service service = canaryService == null ? null : clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(canaryService).get();
        if (service == null || !isOurs(service.getMetadata().getLabels())) {
            return false;
        }
        return !clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(canaryService).delete().isEmpty();
    }

    /** Whether the canary Service exists (made by anyone). */
    public boolean canaryServiceExists(String namespace, String canaryService) {
        return clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(canaryService).get() != null;
    }

    private static boolean isOurs(Map<String, String> labels) {
        return labels != null && "canary".equals(labels.get(TRACK));
    }

    private static Container releasedContainer(Deployment d, String container) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        if (container == null) {
            if (containers.size() != 1) {
                throw new WorkloadException("Deployment `" + d.getMetadata().getName() + "` has " + containers.size()
                        + " containers: name the one to release with `container:` in the catalogue.");
            }
            return containers.get(0);
        }
        return containers.stream().filter(c -> container.equals(c.getName())).findFirst().orElseThrow(() -> new WorkloadException(
                "Deployment `" + d.getMetadata().getName() + "` has no container `" + container + "`."));
    }

    private static int orOne(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }
}
