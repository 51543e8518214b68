package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeDeploymentController;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a release leaves in a cluster and what it never does on the way, checked at every tick
 * against a mock API server whose deployment controller the test plays faithfully (ReplicaSets,
 * pod-template hashes, pods that become ready a tick after they are made): the router never names
 * a Service that does not exist, the canary is ready at its size before its weight moves, the
 * stable Service never selects a canary pod, and a rollback brings the stable back before the
 * canary goes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class CanaryLifecycleTest {

    private static final String NS = "shop-staging";
    private static final String ACTION = "alb.ingress.kubernetes.io/actions.checkout-route";
    private static final Pattern CANARY_WEIGHT = Pattern.compile("\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":(\\d+)");
    private static HttpServer endpoints;

    @Inject
    KubernetesClient kube;

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    Catalog catalog;

    @Inject
    AgroalDataSource dataSource;

    private FakeDeploymentController controller;
    private final List<String> violations = new ArrayList<>();
    private final List<Integer> weightsSeen = new ArrayList<>();

    @BeforeAll
    static void endpoints() throws IOException {
        endpoints = LocalEndpoints.start();
    }

    @AfterAll
    static void stopEndpoints() {
        endpoints.stop(0);
    }

    @BeforeEach
    void cluster() throws SQLException {
        Operations.endAllActive(dataSource);
        kube.pods().inNamespace(NS).delete();
        kube.apps().replicaSets().inNamespace(NS).delete();
        kube.services().inNamespace(NS).withName("checkout-canary").delete();
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).delete();
        CheckoutCluster.seed(kube, NS, 4);
        kube.network().v1().ingresses().inNamespace(NS).withName("checkout").edit(i -> {
            i.getMetadata().setAnnotations(null);
            return i;
        });
        controller = new FakeDeploymentController(kube, NS, "checkout", "checkout-canary");
        controller.step();
        controller.step(); // the stable's pods are running and ready
    }

    private Operation start() {
        var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(),
                "1.4.2", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, () -> {
            controller.step();
            observe();
        });
    }

    private String action() {
        Map<String, String> annotations = kube.network().v1().ingresses().inNamespace(NS).withName("checkout").get().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ACTION);
    }

    private Deployment deployment(String name) {
        return kube.apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** What must hold between any two ticks. */
    private void observe() {
        String action = action();
        if (action != null && action.contains("checkout-canary") && kube.services().inNamespace(NS).withName("checkout-canary").get() == null) {
            violations.add("the action names checkout-canary, which does not exist: " + action);
        }
        Matcher weight = CANARY_WEIGHT.matcher(action == null ? "" : action);
        if (weight.find()) {
            int w = Integer.parseInt(weight.group(1));
            weightsSeen.add(w);
            Deployment canary = deployment("checkout-canary");
            int ready = canary == null || canary.getStatus() == null || canary.getStatus().getReadyReplicas() == null
                    ? 0 : canary.getStatus().getReadyReplicas();
            int needed = (int) Math.ceil(4 * w / 100.0);
            if (w > 0 && ready < needed) {
                violations.add("canary at " + w + "% with " + ready + " ready pods (needs " + needed + ")");
            }
        }
        Service stable = kube.services().inNamespace(NS).withName("checkout").get();
        List<Pod> selected = kube.pods().inNamespace(NS).withLabels(stable.getSpec().getSelector()).list().getItems();
        for (Pod pod : selected) {
            if ("canary".equals(pod.getMetadata().getLabels().get(CanaryWorkloads.TRACK))) {
                violations.add("the stable Service selects canary pod " + pod.getMetadata().getName());
            }
        }
        boolean stableCarriesTraffic = action == null || !action.contains("{\"serviceName\":\"checkout\",\"servicePort\":\"80\",\"weight\":0}");
        if (stableCarriesTraffic && selected.stream().noneMatch(FakeDeploymentController::ready)) {
            violations.add("the stable Service carries traffic with no ready endpoint (selector " + stable.getSpec().getSelector() + ")");
        }
    }

    @Test
    void aReleaseLeavesOnlyWhatWasThereAndNeverRoutesToAMissingOrUnreadyCanary() throws Exception {
        Operation op = start();
        Operation done = driver().runUntil(op.id, o -> false);

        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(List.of(), violations);
        assertTrue(weightsSeen.containsAll(List.of(10, 50, 100)), "every weight was in force at some tick: " + weightsSeen);
        assertEquals("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"checkout\",\"servicePort\":\"80\"}]}}",
                action(), "the action forwards to the stable alone");
        assertNull(kube.services().inNamespace(NS).withName("checkout-canary").get());
        assertNull(deployment("checkout-canary"));
        assertEquals(Map.of("app", "checkout"), kube.services().inNamespace(NS).withName("checkout").get().getSpec().getSelector(),
                "the stable Service has its own selector back");
        assertTrue(done.handles.get("stable.templateHash").length() == 10, "the stable ReplicaSet was found: " + done.handles);
    }

    @Test
    void theCanaryGrowsWithItsWeightBeforeTheWeightMoves() throws Exception {
        Operation op = start();
        OperationDriver driver = driver();
        driver.runUntil(op.id, OperationDriver.at("canary.weight", "50"));
        assertEquals(1, deployment("checkout-canary").getSpec().getReplicas(), "10% of 4, at least one");
        driver.runUntil(op.id, OperationDriver.at("canary.weight", "100"));
        assertEquals(2, deployment("checkout-canary").getSpec().getReplicas(), "50% of 4");
        driver.runUntil(op.id, OperationDriver.at("canary.finalize", null));
        assertEquals(4, deployment("checkout-canary").getSpec().getReplicas(), "100% of 4: as big as the stable");
        assertEquals(4, deployment("checkout").getSpec().getReplicas(), "the stable keeps its size behind a layer-7 router");
        assertEquals(List.of(), violations);
    }

    @Test
    void anAbortBeforeTheCanaryExistsAddsNothingToTheRouter() throws Exception {
        Operation op = start();
        driver().runUntil(op.id, o -> o.handles.containsKey("stable.image")); // the first tick recorded the stable, nothing else
        assertNull(deployment("checkout-canary"));
        engine.abort(op.id, "U0DEV1", "dev");
        Operation done = driver().runUntil(op.id, o -> false);

        assertEquals(Phase.ABORTED, done.phase, done.endReason);
        assertNull(action(), "the Ingress never got an action naming the canary");
        assertNull(kube.services().inNamespace(NS).withName("checkout-canary").get());
        assertEquals(Map.of("app", "checkout"), kube.services().inNamespace(NS).withName("checkout").get().getSpec().getSelector());
        assertEquals(List.of(), violations);
    }

    @Test
    void aRollbackTakesTheCanaryOutOfTheRouterBeforeItsServiceGoes() throws Exception {
        Operation op = start();
        OperationDriver driver = driver();
        driver.runUntil(op.id, OperationDriver.at("canary.weight", "100"));
        engine.abort(op.id, "U0DEV1", "dev");
        Operation done = driver.runUntil(op.id, o -> false);

        assertEquals(Phase.ABORTED, done.phase, done.endReason);
        assertEquals(List.of(), violations);
        assertFalse(action().contains("checkout-canary"), action());
        assertNull(kube.services().inNamespace(NS).withName("checkout-canary").get());
        assertEquals(Map.of("app", "checkout"), kube.services().inNamespace(NS).withName("checkout").get().getSpec().getSelector());
    }

    @Test
    void aRollbackDuringFinaliseWaitsForTheStableToServeAgainBeforeTheCanaryGoes() throws Exception {
        Operation op = start();
        OperationDriver driver = driver();
        driver.runUntil(op.id, OperationDriver.at("canary.finalize", null));
        controller.hold("checkout", true); // the stable's rollouts stall from now on
        driver.runUntil(op.id, o -> CanaryWorkloads.imageOf(deployment("checkout"), "app").startsWith("registry.test/checkout:1.4.2"));
        engine.abort(op.id, "U0DEV1", "dev");
        Operation waiting = driver.runUntil(op.id, o -> o.latestReason() != null && o.latestReason().contains("stable rolling back"));

        assertTrue(waiting.onRollbackPath);
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(deployment("checkout"), "app"), "the stable image is put back first");
        assertNotNull(deployment("checkout-canary"), "the canary serves until the stable is back");
        assertTrue(action().contains("\"weight\":100}"), "traffic stays on the canary meanwhile: " + action());

        controller.hold("checkout", false);
        Operation done = driver.runUntil(op.id, o -> false);
        assertEquals(Phase.ABORTED, done.phase, done.endReason);
        assertEquals(List.of(), violations);
        assertNull(deployment("checkout-canary"));
        assertFalse(action().contains("checkout-canary"), action());
    }

    @Test
    void anAbortAfterFinaliseNeverLeavesTheServingStableWithoutEndpoints() throws Exception {
        Operation op = start();
        OperationDriver driver = driver();
        driver.runUntil(op.id, OperationDriver.at("hpa.restore", null)); // finalise done: the stable serves the new version
        assertTrue(CanaryWorkloads.imageOf(deployment("checkout"), "app").startsWith("registry.test/checkout:1.4.2"));
        engine.abort(op.id, "U0DEV1", "dev");
        Operation done = driver.runUntil(op.id, o -> false);

        assertEquals(Phase.ABORTED, done.phase, done.endReason);
        assertEquals(List.of(), violations);
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(deployment("checkout"), "app"), "the stable image is put back");
        assertNull(deployment("checkout-canary"));
        assertEquals(Map.of("app", "checkout"), kube.services().inNamespace(NS).withName("checkout").get().getSpec().getSelector());
    }

    @Test
    void theCanaryServiceHasTheStableServicesTypeWithoutItsNodePorts() throws Exception {
        kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("checkout")
                .addToAnnotations("alb.ingress.kubernetes.io/healthcheck-path", "/healthz").endMetadata()
                .withNewSpec().withType("NodePort").withExternalTrafficPolicy("Local").addToSelector("app", "checkout")
                .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).withNodePort(30080).endPort().endSpec().build())
                .update();
        Operation op = start();
        driver().runUntil(op.id, OperationDriver.at("canary.ready", null));

        Service canary = kube.services().inNamespace(NS).withName("checkout-canary").get();
        assertEquals("NodePort", canary.getSpec().getType(), "ALB target type instance needs a NodePort");
        assertEquals("Local", canary.getSpec().getExternalTrafficPolicy());
        assertNull(canary.getSpec().getPorts().get(0).getNodePort(), "node ports are allocated afresh, never copied");
        assertEquals(80, canary.getSpec().getPorts().get(0).getPort());
        assertEquals("/healthz", canary.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/healthcheck-path"));
        assertEquals(Map.of("app", "checkout", CanaryWorkloads.TRACK, "canary"), canary.getSpec().getSelector());
    }
}
