package dev.ticketsmith.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import jakarta.enterprise.context.ApplicationScoped;

/** The Kubernetes API server itself: its version ({@code GET /version}), the cheapest call that proves it answers. */
@ApplicationScoped
public class ApiServer {

    private final KubernetesClient client;

    ApiServer(KubernetesClient client) {
        this.client = client;
    }

    /** The server's git version, e.g. {@code v1.30.2}; throws when it does not answer. */
    public String version() {
        VersionInfo info = client.getKubernetesVersion();
        return info == null ? "unknown version" : info.getGitVersion();
    }

    /** The API server's URL, as configured. */
    public String url() {
        return client.getMasterUrl() == null ? "?" : client.getMasterUrl().toString();
    }
}
