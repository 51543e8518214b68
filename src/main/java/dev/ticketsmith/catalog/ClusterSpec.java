package dev.ticketsmith.catalog;

import java.util.Optional;

/**
 * Which Kubernetes cluster an environment runs in: {@code in-cluster} (the default, the cluster
 * TICKETSMITH runs in, with its service account), or a kubeconfig kept in a Secret in TICKETSMITH's
 * own namespace, with the context to use.
 *
 * @param kubeconfigSecret the Secret holding the kubeconfig (key {@code kubeconfig}, or its only key); empty for in-cluster
 * @param context          the kubeconfig's context; its current context when absent
 */
public record ClusterSpec(@Required String kubeconfigSecret, Optional<String> context) {

    /** The cluster TICKETSMITH runs in. */
    public static final ClusterSpec IN_CLUSTER = new ClusterSpec("", Optional.empty());

    /** The scalar form: only {@code in-cluster}; null for anything else. */
    public static ClusterSpec ofScalar(String text) {
        return "in-cluster".equals(text) ? IN_CLUSTER : null;
    }

    public boolean inCluster() {
        return kubeconfigSecret.isEmpty();
    }

    /**
     * How the cluster is named where a namespace is qualified with it: {@code secret} or
     * {@code secret:context}; empty in-cluster.
     */
    public String ref() {
        return inCluster() ? "" : kubeconfigSecret + context.map(c -> ":" + c).orElse("");
    }
}
