package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Where TICKETSMITH itself runs in Kubernetes. Keys under {@code ticketsmith.kubernetes}.
 */
@ConfigMapping(prefix = "ticketsmith.kubernetes")
public interface KubernetesSettings {

    /**
     * TICKETSMITH's own namespace, where the kubeconfig Secrets of environments in other clusters are
     * read; by default the service account's namespace (in a pod), else {@code ticketsmith}.
     */
    Optional<String> namespace();
}
