package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Deployments and HPAs through fabric8. Read-only: "not found" and "cannot reach the API"
 * are answers here, never exceptions.
 */
@ApplicationScoped
public class WorkloadReader {

    private final Clusters clusters;

    WorkloadReader(Clusters clusters) {
        this.clusters = clusters;
    }

    /** The state of a Deployment (and its HPA when named) in a namespace. */
    public WorkloadState read(String namespace, String deployment, String container, String hpaName) {
        try {
            Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
            if (d == null) {
                return WorkloadState.missing();
            }
            Optional<WorkloadState.HpaState> hpa = hpaName == null ? Optional.empty() : readHpa(namespace, hpaName);
            var status = d.getStatus();
            return new WorkloadState(true, imageOf(d, container),
                    d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
                    status == null ? 0 : zeroIfNull(status.getReadyReplicas()),
                    status == null ? 0 : zeroIfNull(status.getUpdatedReplicas()),
                    hpa, null);
        } catch (KubernetesClientException e) {
            return WorkloadState.unreadable(describe(e));
        } catch (WorkloadException e) { // its cluster's kubeconfig is missing or unusable
            return WorkloadState.unreadable(e.getMessage());
        }
    }

    /**
     * The digest the Deployment's running pods pulled for the container ({@code imageID}, as the
     * kubelet reports it), or empty when no pod reports one: what really runs, whatever the tag says.
     */
    public Optional<String> runningDigest(String namespace, String deployment, String container) {
        try {
            Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
            if (d == null || d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null) {
                return Optional.empty();
            }
            return clusters.client(namespace).pods().inNamespace(Clusters.local(namespace)).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                    .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                    .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                    .filter(cs -> container == null || container.equals(cs.getName()))
                    .map(cs -> cs.getImageID()).filter(id -> id != null && id.contains("@sha256:"))
                    .map(id -> id.substring(id.indexOf("@") + 1)).findFirst();
        } catch (KubernetesClientException | WorkloadException e) {
            return Optional.empty();
        }
    }

    /**
     * The Deployment's pods, for its container: image, pulled digest, readiness, restarts and running
     * time. Empty when the Deployment does not exist; an API that cannot be reached is an exception
     * here ({@link WorkloadException}), since "no pods" would be a different answer.
     */
    public List<PodRun> podRuns(String namespace, String deployment, String container) {
        try {
            Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
            if (d == null || d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null) {
                return List.of();
            }
            return clusters.client(namespace).pods().inNamespace(Clusters.local(namespace)).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .flatMap(p -> run(p, container).stream()).toList();
        } catch (KubernetesClientException e) {
            throw new WorkloadException(describe(e) + " (reading the pods of " + namespace + "/" + deployment + ")", e);
        }
    }

    private static Optional<PodRun> run(Pod pod, String container) {
        String image = pod.getSpec().getContainers().stream().filter(c -> container == null || container.equals(c.getName()))
                .map(Container::getImage).findFirst().orElse(null);
        if (image == null) {
            return Optional.empty();
        }
        Optional<ContainerStatus> status = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? Optional.empty()
                : pod.getStatus().getContainerStatuses().stream().filter(cs -> container == null || container.equals(cs.getName())).findFirst();
        Optional<String> digest = status.map(ContainerStatus::getImageID).filter(id -> id.contains("@sha256:"))
                .map(id -> id.substring(id.indexOf('@') + 1));
        Optional<Instant> since = status.map(ContainerStatus::getState).map(ContainerState::getRunning)
                .map(r -> r.getStartedAt()).filter(Objects::nonNull).map(Instant::parse);
        return Optional.of(new PodRun(pod.getMetadata().getName(), image, digest, status.map(cs -> Boolean.TRUE.equals(cs.getReady())).orElse(false),
                status.map(cs -> cs.getRestartCount() == null ? 0 : cs.getRestartCount()).orElse(0), since));
    }

    private Optional<WorkloadState.HpaState> readHpa(String namespace, String name) {
        HorizontalPodAutoscaler h = clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(name).get();
        if (h == null) {
            return Optional.empty();
        }
        Integer target = cpu(h.getSpec().getMetrics());
        Integer current = h.getStatus() == null ? null : currentCpu(h.getStatus().getCurrentMetrics());
        return Optional.of(new WorkloadState.HpaState(
                h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas(),
                h.getSpec().getMaxReplicas(),
                h.getStatus() == null ? 0 : zeroIfNull(h.getStatus().getCurrentReplicas()),
                h.getStatus() == null ? 0 : zeroIfNull(h.getStatus().getDesiredReplicas()),
                target, current, h.getSpec().getBehavior() != null && h.getSpec().getBehavior().getScaleDown() != null));
    }

    static String imageOf(Deployment d, String container) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        return containers.stream()
                .filter(c -> container == null || container.equals(c.getName()))
                .map(Container::getImage).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Integer cpu(List<MetricSpec> metrics) {
        if (metrics == null) {
            return null;
        }
        return metrics.stream()
                .filter(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()))
                .map(m -> m.getResource().getTarget().getAverageUtilization())
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Integer currentCpu(List<MetricStatus> metrics) {
        if (metrics == null) {
            return null;
        }
        return metrics.stream()
                .filter(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()))
                .map(m -> m.getResource().getCurrent().getAverageUtilization())
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() == 403) {
            return "the service account may not read this namespace (403)";
        }
        if (e.getCode() > 0) {
            return "the Kubernetes API answered " + e.getCode();
        }
        return "the Kubernetes API could not be reached";
    }
}
