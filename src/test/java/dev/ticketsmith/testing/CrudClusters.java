package dev.ticketsmith.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API server of its own, besides the one {@code @WithKubernetesTestServer} gives a
 * Quarkus test: fabric8's mock server in CRUD mode over plain HTTP, started. Stop it with
 * {@code destroy()}.
 */
public final class CrudClusters {

    private CrudClusters() {
    }

    public static KubernetesMockServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        return server;
    }
}
