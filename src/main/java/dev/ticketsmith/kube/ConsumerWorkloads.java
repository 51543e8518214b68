package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore's cut-over does in the cluster: reads and writes one key of a consumer's Secret,
 * restarts the consumer's Deployment the way {@code kubectl rollout restart} does (the pod
 * template's {@code kubectl.kubernetes.io/restartedAt} annotation), and tells whether that rollout
 * is complete.
 */
@ApplicationScoped
public class ConsumerWorkloads {

    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final Clusters clusters;

    ConsumerWorkloads(Clusters clusters) {
        this.clusters = clusters;
    }

    /** The key's value, or empty when the Secret or the key does not exist. */
    public Optional<String> read(String namespace, String secret, String key) {
        Secret s = clusters.client(namespace).secrets().inNamespace(Clusters.local(namespace)).withName(secret).get();
        if (s == null) {
            return Optional.empty();
        }
        if (s.getData() != null && s.getData().containsKey(key)) {
            return Optional.of(new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8));
        }
        return s.getStringData() == null ? Optional.empty() : Optional.ofNullable(s.getStringData().get(key));
    }

    public boolean secretExists(String namespace, String secret) {
        return clusters.client(namespace).secrets().inNamespace(Clusters.local(namespace)).withName(secret).get() != null;
    }

    /** Sets one key of the Secret (the others are left alone); a null value removes it. */
    public void write(String namespace, String secret, String key, String value) {
        clusters.client(namespace).secrets().inNamespace(Clusters.local(namespace)).withName(secret).edit(s -> {
            Map<String, String> data = s.getData() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(s.getData());
            if (value == null) {
                data.remove(key);
            } else {
                data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
            s.setData(data);
            if (s.getStringData() != null) {
                s.getStringData().remove(key);
            }
            return s;
        });
    }

    /** Restarts the Deployment's pods (a rolling restart) unless it was already restarted at {@code at}. */
    public boolean restart(String namespace, String deployment, String at) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
        if (d == null) {
            throw new WorkloadException("Deployment " + namespace + "/" + deployment + " does not exist");
        }
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations != null && at.equals(annotations.get(RESTARTED_AT))) {
            return false;
        }
        clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).edit(x -> {
            var meta = x.getSpec().getTemplate().getMetadata();
            Map<String, String> a = meta.getAnnotations() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(meta.getAnnotations());
            a.put(RESTARTED_AT, at);
            meta.setAnnotations(a);
            return x;
        });
        return true;
    }

    /** How far the restart at {@code at} has rolled out: done, or what it waits for. */
    public Rollout rollout(String namespace, String deployment, String at) {
        Deployment d = clusters.client(namespace).apps().deployments().inNamespace(Clusters.local(namespace)).withName(deployment).get();
        if (d == null) {
            return new Rollout(false, "Deployment " + deployment + " does not exist");
        }
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations == null || !at.equals(annotations.get(RESTARTED_AT))) {
            return new Rollout(false, deployment + " was not restarted by this cut-over (restartedAt changed)");
        }
        int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus st = d.getStatus();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        if (st == null || st.getObservedGeneration() == null || st.getObservedGeneration() < generation) {
            return new Rollout(false, deployment + ": the controller has not seen the restart yet");
        }
        int updated = n(st.getUpdatedReplicas());
        int ready = n(st.getReadyReplicas());
        int available = st.getAvailableReplicas() == null ? ready : st.getAvailableReplicas();
        int total = n(st.getReplicas());
        if (updated < want || ready < want || available < want || total > want) {
            return new Rollout(false, deployment + ": " + updated + "/" + want + " updated, " + ready + " ready"
                    + (total > want ? ", " + (total - want) + " old pods still terminating" : ""));
        }
        return new Rollout(true, deployment + ": " + want + "/" + want + " ready on the new address");
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }

    /** A restart's progress. */
    public record Rollout(boolean complete, String detail) {
    }
}
