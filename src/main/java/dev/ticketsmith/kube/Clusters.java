package dev.ticketsmith.kube;

import dev.ticketsmith.config.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fabric8 client per cluster. The Kubernetes adapters take namespaces as the catalogue gives
 * them ({@code EnvironmentSpec.kubeNamespace()}): a plain namespace is in the cluster TICKETSMITH runs
 * in (the client Quarkus configures: in-cluster, or {@code ~/.kube/config} in development); a
 * namespace qualified as {@code <secret>[:<context>]/<namespace>} is in the cluster of the kubeconfig
 * kept in that Secret of TICKETSMITH's own namespace. Those clients are built on first use and kept; a
 * cluster whose Secret is missing or unusable fails only the calls that need it, with the reason, and
 * is tried again on the next call.
 */
@ApplicationScoped
public class Clusters {

    private static final Logger LOG = Logger.getLogger(Clusters.class);
    private static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final KubernetesClient local;
    private final String ownNamespace;
    private final Map<String, KubernetesClient> remote = new ConcurrentHashMap<>();

    Clusters(KubernetesClient local, KubernetesSettings settings) {
        this.local = local;
        this.ownNamespace = settings.namespace().filter(n -> !n.isBlank()).orElseGet(Clusters::serviceAccountNamespace);
    }

    private static String serviceAccountNamespace() {
        try {
            return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
        } catch (java.io.IOException e) {
            return "ticketsmith";
        }
    }

    /** The namespace without its cluster. */
    public static String local(String namespace) {
        int slash = namespace.lastIndexOf('/');
        return slash < 0 ? namespace : namespace.substring(slash + 1);
    }

    /** The cluster part of a qualified namespace ({@code secret[:context]}), empty for the local cluster. */
    public static String clusterOf(String namespace) {
        int slash = namespace.lastIndexOf('/');
        return slash < 0 ? "" : namespace.substring(0, slash);
    }

    /** The client for the cluster a (qualified) namespace is in. */
    public KubernetesClient client(String namespace) {
        String cluster = clusterOf(namespace);
        return cluster.isEmpty() ? local : remote.computeIfAbsent(cluster, this::build);
    }

    /** TICKETSMITH's own namespace, where kubeconfig Secrets are read. */
    public String ownNamespace() {
        return ownNamespace;
    }

    private KubernetesClient build(String cluster) {
        int colon = cluster.indexOf(':');
        String secretName = colon < 0 ? cluster : cluster.substring(0, colon);
        String context = colon < 0 ? null : cluster.substring(colon + 1);
        Secret secret;
        try {
            secret = local.secrets().inNamespace(ownNamespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            throw new WorkloadException("the kubeconfig Secret `" + secretName + "` in " + ownNamespace + " could not be read ("
                    + (e.getCode() > 0 ? "the Kubernetes API answered " + e.getCode() : "the Kubernetes API could not be reached") + ")", e);
        }
        if (secret == null || secret.getData() == null || secret.getData().isEmpty()) {
            throw new WorkloadException("the kubeconfig Secret `" + secretName + "` does not exist in " + ownNamespace + " or is empty");
        }
        String encoded = secret.getData().getOrDefault("kubeconfig", secret.getData().size() == 1
                ? secret.getData().values().iterator().next() : null);
        if (encoded == null) {
            throw new WorkloadException("the Secret `" + secretName + "` in " + ownNamespace + " has no key `kubeconfig`");
        }
        try {
            String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            Config config = Config.fromKubeconfig(context, text, null);
            // fabric8 lets kubernetes.master / KUBERNETES_MASTER win over the kubeconfig: the kubeconfig's server must
            server(text, context).ifPresent(config::setMasterUrl);
            config.setRequestTimeout(10_000);
            config.setConnectionTimeout(5_000);
            // a cluster that does not answer fails its own calls quickly instead of backing off for a minute
            config.setRequestRetryBackoffLimit(1);
            config.setRequestRetryBackoffInterval(250);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
            LOG.infof("Cluster %s: %s", cluster, config.getMasterUrl());
            return client;
        } catch (RuntimeException e) {
            throw new WorkloadException("the kubeconfig in Secret `" + secretName + "` cannot be used"
                    + (context == null ? "" : " with context `" + context + "`") + ": " + e.getMessage(), e);
        }
    }

    /** The server of the kubeconfig's context (its current one when none is named). */
    static Optional<String> server(String kubeconfig, String context) {
        io.fabric8.kubernetes.api.model.Config parsed = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfigFromString(kubeconfig);
        String name = context != null ? context : parsed.getCurrentContext();
        return parsed.getContexts().stream().filter(c -> c.getName().equals(name)).findFirst()
                .flatMap(c -> parsed.getClusters().stream().filter(cl -> cl.getName().equals(c.getContext().getCluster())).findFirst())
                .map(cl -> cl.getCluster().getServer());
    }

    @PreDestroy
    void close() {
        remote.values().forEach(KubernetesClient::close);
    }
}
