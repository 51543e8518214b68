package dev.ticketsmith.testing;

import dev.ticketsmith.crypto.Sha256;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays Kubernetes' deployment controller for a few Deployments of one namespace of the mock API
 * server, one step per call: a ReplicaSet per template (labelled {@code pod-template-hash}, owned
 * by its Deployment), pods carrying the template's labels and that hash, and a status that counts
 * a pod ready only from the call after it was created. A Deployment can be held mid-rollout.
 */
public final class FakeDeploymentController {

    private final KubernetesClient kube;
    private final String namespace;
    private final List<String> deployments;
    private final Set<String> held = new HashSet<>();
    private final Set<String> created = new HashSet<>();

    public FakeDeploymentController(KubernetesClient kube, String namespace, String... deployments) {
        this.kube = kube;
        this.namespace = namespace;
        this.deployments = List.of(deployments);
    }

    /** While held, a Deployment's new template gets no pods: its rollout stalls. */
    public void hold(String deployment, boolean hold) {
        if (hold) {
            held.add(deployment);
        } else {
            held.remove(deployment);
        }
    }

    /** The hash the controller gives a Deployment's current template. */
    public static String hashOf(Deployment d) {
        return Sha256.hex(d.getSpec().getTemplate().toString()).substring(0, 10);
    }

    /** One pass over every Deployment. */
    public void step() {
        for (String name : deployments) {
            Deployment d = kube.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                kube.pods().inNamespace(namespace).withLabel("test/deployment", name).delete();
                continue;
            }
            reconcile(d);
        }
    }

    private void reconcile(Deployment d) {
        String name = d.getMetadata().getName();
        String hash = hashOf(d);
        ensureReplicaSet(d, hash);
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        List<Pod> pods = kube.pods().inNamespace(namespace).withLabel("test/deployment", name).list().getItems();
        List<Pod> current = pods.stream().filter(p -> hash.equals(p.getMetadata().getLabels().get("pod-template-hash"))).toList();
        List<Pod> old = pods.stream().filter(p -> !hash.equals(p.getMetadata().getLabels().get("pod-template-hash"))).toList();
        int readyNew = (int) current.stream().filter(p -> created.contains(p.getMetadata().getName() + "@ready")).count();
        current.stream().filter(p -> created.contains(p.getMetadata().getName() + "@ready")).forEach(this::markReady);
        current.forEach(p -> created.add(p.getMetadata().getName() + "@ready")); // ready from the next pass on
        if (!held.contains(name)) {
            for (int i = current.size(); i < replicas; i++) {
                createPod(d, hash, i);
            }
            for (int i = replicas; i < current.size(); i++) {
                kube.pods().inNamespace(namespace).resource(current.get(i)).delete();
            }
            if (readyNew >= replicas) {
                old.forEach(p -> kube.pods().inNamespace(namespace).resource(p).delete());
                old = List.of();
            }
        }
        int ready = Math.min(readyNew, replicas) + (held.contains(name) ? old.size() : 0);
        int updated = held.contains(name) ? 0 : Math.min(readyNew, replicas);
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        kube.apps().deployments().inNamespace(namespace).withName(name).editStatus(x -> new DeploymentBuilder(x).withNewStatus()
                .withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready).withUpdatedReplicas(updated).withObservedGeneration(generation)
                .endStatus().build());
    }

    /** Whether a pod's Ready condition is True, as the kubelet reports it. */
    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void markReady(Pod pod) {
        if (!ready(pod)) {
            kube.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).edit(p -> new PodBuilder(p).editStatus()
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).endStatus().build());
        }
    }

    private void ensureReplicaSet(Deployment d, String hash) {
        String rsName = d.getMetadata().getName() + "-" + hash;
        if (kube.apps().replicaSets().inNamespace(namespace).withName(rsName).get() != null) {
            return;
        }
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(rsName).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplateLike(d.getSpec().getTemplate()).editMetadata().withLabels(labels).endMetadata().endTemplate()
                .endSpec().build();
        kube.apps().replicaSets().inNamespace(namespace).resource(rs).create();
    }

    private void createPod(Deployment d, String hash, int index) {
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("pod-template-hash", hash);
        labels.put("test/deployment", d.getMetadata().getName());
        String podName = d.getMetadata().getName() + "-" + hash + "-" + index;
        kube.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                .withLabels(labels).endMetadata().withNewStatus().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False").build()).endStatus().build())
                .createOr(p -> p.update());
    }
}
