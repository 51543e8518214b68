package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps a stable Service off the canary's pods during a release behind a layer-7 router. The canary
 * pods carry every stable pod label (dashboards, PodMonitors and NetworkPolicies keep seeing them),
 * so a stable selector such as {@code app: checkout} would match them too. As Argo Rollouts does,
 * the stable Service's selector gets the {@code pod-template-hash} of the stable Deployment's current
 * ReplicaSet for the length of the release, and its own selector back afterwards. Nothing of the
 * user's is relabelled.
 */
@ApplicationScoped
public class StableSelectors {

    /** The label the deployment controller puts on every ReplicaSet and its pods. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final Clusters clusters;

    StableSelectors(Clusters clusters) {
        this.clusters = clusters;
    }

    /** A Service's selector now, or empty when the Service does not exist. */
    public Optional<Map<String, String>> selector(String namespace, String service) {
        Service s = clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(service).get();
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(s.getSpec().getSelector() == null ? Map.of() : Map.copyOf(s.getSpec().getSelector()));
    }

    /**
     * The {@code pod-template-hash} of the ReplicaSet that runs the Deployment's current template,
     * found as the deployment controller finds it (same template, the hash label aside), or by the
     * revision annotation. Empty when there is none yet (the controller has not caught up).
     */
    public Optional<String> currentTemplateHash(String namespace, String deployment) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
        if (d == null || d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null) {
            return Optional.empty();
        }
        List<ReplicaSet> owned = clusters.client(namespace).apps().replicaSets().inNamespace(Clusters.local(namespace))
                .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(rs -> ownedBy(rs, d)).toList();
        PodTemplateSpec wanted = withoutHash(d.getSpec().getTemplate());
        Optional<ReplicaSet> current = owned.stream().filter(rs -> withoutHash(rs.getSpec().getTemplate()).equals(wanted)).findFirst();
        String revision = d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(REVISION);
        if (current.isEmpty() && revision != null) {
            current = owned.stream().filter(rs -> rs.getMetadata().getAnnotations() != null
                    && revision.equals(rs.getMetadata().getAnnotations().get(REVISION))).findFirst();
        }
        return current.map(rs -> rs.getMetadata().getLabels() == null ? null : rs.getMetadata().getLabels().get(POD_TEMPLATE_HASH))
                .filter(Objects::nonNull);
    }

    /** Sets a Service's selector to exactly {@code wanted}; true when it was written. */
    public boolean select(String namespace, String service, Map<String, String> wanted) {
        Optional<Map<String, String>> now = selector(namespace, service);
        if (now.isEmpty() || now.get().equals(wanted)) {
            return false;
        }
        clusters.client(namespace).services().inNamespace(Clusters.local(namespace)).withName(service)
                .edit(s -> new ServiceBuilder(s).editSpec().withSelector(new HashMap<>(wanted)).endSpec().build());
        return true;
    }

    /**
     * How many endpoints of a Service are ready, from its EndpointSlices; empty when it has none at
     * all (no endpoint controller, as on an API server without controllers).
     */
    public OptionalInt readyEndpoints(String namespace, String service) {
        List<EndpointSlice> slices = clusters.client(namespace).discovery().v1().endpointSlices().inNamespace(Clusters.local(namespace))
                .withLabel("kubernetes.io/service-name", service).list().getItems();
        if (slices.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) slices.stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady())
                .count());
    }

    /** A selector narrowed to the pods of one ReplicaSet. */
    public static Map<String, String> pinned(Map<String, String> selector, String templateHash) {
        Map<String, String> pinned = new HashMap<>(selector);
        pinned.put(POD_TEMPLATE_HASH, templateHash);
        return pinned;
    }

    private static boolean ownedBy(ReplicaSet rs, Deployment d) {
        var owners = rs.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return false;
        }
        return owners.stream().anyMatch(o -> "Deployment".equals(o.getKind()) && d.getMetadata().getName().equals(o.getName())
                && (o.getUid() == null || d.getMetadata().getUid() == null || o.getUid().equals(d.getMetadata().getUid())));
    }

    private static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
            labels.remove(POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }
}
