package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.live.ApprovalButtons;
import dev.ticketsmith.slack.live.OperationMessage;
import dev.ticketsmith.testing.FakeDeploymentController;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blue-green as users of Argo Rollouts expect it: green comes up at blue's size with blue's HPA copied,
 * a preview Service reaches it before it takes any traffic, the switch waits for the approval, blue is
 * kept for {@code scaleDownDelay} so that a rollback then is an instant switch back, and a failure
 * during the switch or an abort puts all traffic back on blue.
 */
@QuarkusTest
@TestProfile(PipelinePromotionTest.Pipeline.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = FakeSlackResource.class, restrictToAnnotatedClass = true)
class BlueGreenPromotionTest {

    private static final String NS = "shop-preprod";
    private static final String REGISTRY = "127.0.0.1:" + LocalEndpoints.PORT;
    private static final String DIGEST = "sha256:" + "9b".repeat(32);
    private static HttpServer endpoints;

    @Inject
    KubernetesClient kube;

    @Inject
    Reconciler reconciler;

    @Inject
    OperationEngine engine;

    @Inject
    ApprovalButtons approvals;

    @Inject
    AgroalDataSource dataSource;

    private FakeDeploymentController controller;

    @BeforeAll
    static void endpoints() throws IOException {
        endpoints = LocalEndpoints.start();
        LocalEndpoints.manifest(endpoints, "storefront", "2.0.0", () -> DIGEST);
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void blue() throws Exception {
        Operations.endActive(dataSource, "storefront");
        kube.apps().deployments().inNamespace(NS).withName("storefront-canary").delete();
        kube.services().inNamespace(NS).withName("storefront-preview").delete();
        kube.pods().inNamespace(NS).delete();
        kube.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("storefront").withNamespace(NS).addToLabels("app", "storefront").endMetadata()
                .withNewSpec().withReplicas(4).withNewSelector().addToMatchLabels("app", "storefront").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "storefront").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(REGISTRY + "/storefront:1.0.0").endContainer().endSpec()
                .endTemplate().endSpec().build()).createOr(d -> d.update());
        kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("storefront").endMetadata()
                .withNewSpec().addToSelector("app", "storefront").addNewPort().withPort(8080).withNewTargetPort(8080).endPort().endSpec().build())
                .createOr(s -> s.update());
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("storefront").endMetadata()
                .withNewSpec().withMinReplicas(4).withMaxReplicas(12)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("storefront").endScaleTargetRef()
                .endSpec().build()).createOr(h -> h.update());
        kube.resources(HTTPRoute.class).inNamespace(NS).resource(new HTTPRouteBuilder()
                .withNewMetadata().withName("storefront").withNamespace(NS).endMetadata()
                .withNewSpec().addNewParentRef().withName("shop-gateway").endParentRef()
                .addNewRule().addNewBackendRef().withName("storefront").withPort(8080).endBackendRef().endRule().endSpec().build())
                .createOr(r -> r.update());
        controller = new FakeDeploymentController(kube, NS, "storefront", "storefront-canary");
        for (int i = 0; i < 3; i++) {
            controller.step();
        }
    }

    private Operation start() throws Exception {
        Instant before = Instant.now();
        SlackRequests.command("U0DEV1", "promote storefront 2.0.0 to preprod").statusCode(200);
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find(
                "target = 'storefront' AND createdAt >= ?1 ORDER BY createdAt DESC", before).firstResult());
    }

    private Operation runUntil(Operation op, Predicate<Operation> until) throws Exception {
        return new OperationDriver(reconciler, dataSource, controller::step).runUntil(op.id, until);
    }

    /** Ticks until the operation ends: the driver's 200 ticks go by faster than blue's kept-for delay. */
    private Operation finish(Operation op) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Operation now = runUntil(op, o -> false);
        while (Phase.TICKING.contains(now.phase) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            now = runUntil(now, o -> false);
        }
        return now;
    }

    private List<Integer> weights() {
        return kube.resources(HTTPRoute.class).inNamespace(NS).withName("storefront").get().getSpec().getRules().get(0).getBackendRefs()
                .stream().map(r -> r.getWeight() == null ? 100 : r.getWeight()).toList();
    }

    private List<String> backends() {
        return kube.resources(HTTPRoute.class).inNamespace(NS).withName("storefront").get().getSpec().getRules().get(0).getBackendRefs()
                .stream().map(HTTPBackendRef::getName).toList();
    }

    private void approve(Operation op) {
        approvals.handle(new ButtonClick("U0LEAD1", "lead", "T0FAKE", "C0PREPROD", OperationMessage.APPROVE, op.id.toString(), "1.0", null));
    }

    private String blueImage() {
        return CanaryWorkloads.imageOf(kube.apps().deployments().inNamespace(NS).withName("storefront").get(), "app");
    }

    /** Green waits at the approval gate: full size, HPA copied, reachable through the preview Service, no traffic. */
    private Operation greenAwaitingTheSwitch() throws Exception {
        Operation op = runUntil(start(), o -> o.phase == Phase.AWAITING_APPROVAL);
        assertEquals(Phase.AWAITING_APPROVAL, op.phase, op.endReason + " / " + op.latestReason());
        assertEquals(4, kube.apps().deployments().inNamespace(NS).withName("storefront-canary").get().getSpec().getReplicas(),
                "green at blue's size");
        var preview = kube.services().inNamespace(NS).withName("storefront-preview").get();
        assertNotNull(preview, "a preview Service for green");
        assertEquals("canary", preview.getSpec().getSelector().get(CanaryWorkloads.TRACK), "it reaches green's pods only");
        assertEquals(List.of("storefront"), backends(), "no production traffic to green yet");
        assertTrue(OperationMessage.traffic(op).isEmpty() || OperationMessage.traffic(op).contains("blue 100% · :large_green_circle: green 0%"),
                OperationMessage.traffic(op));
        return op;
    }

    @Test
    void greenIsPreviewedThenSwitchedAfterTheApprovalAndBlueIsKeptForTheDelay() throws Exception {
        Operation op = greenAwaitingTheSwitch();
        approve(op);
        Operation kept = runUntil(op, OperationDriver.at("canary.keep-previous", null));
        assertEquals(List.of(0, 100), weights(), "all traffic switched to green at once");
        assertEquals(REGISTRY + "/storefront:1.0.0", blueImage(), "blue is kept as it was");
        assertEquals(4, kube.apps().deployments().inNamespace(NS).withName("storefront").get().getSpec().getReplicas(), "at its size");
        assertTrue(OperationMessage.traffic(kept).contains("blue 0% · :large_green_circle: green 100%"), OperationMessage.traffic(kept));
        var greenHpa = kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("storefront-canary").get();
        assertNotNull(greenHpa, "blue's HPA copied to green");
        assertEquals("storefront-canary", greenHpa.getSpec().getScaleTargetRef().getName());
        assertEquals(12, greenHpa.getSpec().getMaxReplicas());

        Operation done = finish(kept);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(REGISTRY + "/storefront:2.0.0@" + DIGEST, blueImage());
        assertEquals(List.of("storefront"), backends(), "the route names no Service that is gone");
        assertNull(kube.services().inNamespace(NS).withName("storefront-preview").get(), "preview Service removed");
        greenIsGoneAndBluesHpaIsItsOwn();
    }

    /** What the operation leaves behind for the controllers: no green, no green HPA, blue's HPA on its own bounds. */
    private void greenIsGoneAndBluesHpaIsItsOwn() {
        assertNull(kube.apps().deployments().inNamespace(NS).withName("storefront-canary").get(), "green Deployment removed");
        assertNull(kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("storefront-canary").get(), "green HPA removed");
        var hpa = kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("storefront").get();
        assertEquals(List.of(4, 12), List.of(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas()), "blue's HPA has its own bounds back");
        assertEquals("storefront", hpa.getSpec().getScaleTargetRef().getName());
    }

    @Test
    void aRollbackWithinTheDelayIsAnInstantSwitchBack() throws Exception {
        Operation op = greenAwaitingTheSwitch();
        approve(op);
        Operation kept = runUntil(op, OperationDriver.at("canary.keep-previous", null));
        assertEquals(List.of(0, 100), weights());
        SlackRequests.command("U0LEAD1", "rollback storefront in preprod").statusCode(200);
        Operations.makeDue(dataSource, kept.id);
        reconciler.tick(); // restores blue's image: it never changed
        Operations.makeDue(dataSource, kept.id);
        reconciler.tick();
        assertEquals(100, weights().get(0), "traffic back on blue within two reconciles: " + weights());
        Operation back = finish(kept);
        assertEquals(Phase.ROLLED_BACK, back.phase, back.endReason);
        assertEquals(REGISTRY + "/storefront:1.0.0", blueImage());
        assertEquals(List.of("storefront"), backends());
        greenIsGoneAndBluesHpaIsItsOwn();
    }

    @Test
    void anAbortAtTheGateLeavesBlueServingAndRemovesGreen() throws Exception {
        Operation op = greenAwaitingTheSwitch();
        engine.abort(op.id, "U0DEV1", "dev");
        Operation aborted = finish(op);
        assertEquals(Phase.ABORTED, aborted.phase, aborted.endReason);
        assertEquals(List.of("storefront"), backends(), "traffic never moved");
        assertNull(kube.apps().deployments().inNamespace(NS).withName("storefront-canary").get(), "green removed");
        assertEquals(REGISTRY + "/storefront:1.0.0", blueImage());
    }

    @Test
    void greenFailingDuringTheSwitchPutsAllTrafficBackOnBlue() throws Exception {
        Operation op = greenAwaitingTheSwitch();
        approve(op);
        Operation switching = runUntil(op, OperationDriver.at("canary.keep-previous", null));
        // green's pods start crashing with all the traffic
        for (var pod : kube.pods().inNamespace(NS).withLabel(CanaryWorkloads.TRACK, "canary").list().getItems()) {
            kube.pods().inNamespace(NS).resource(new PodBuilder(pod).editOrNewStatus().addNewContainerStatus().withName("app").withRestartCount(3)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus()
                    .endStatus().build()).update();
        }
        Operation back = finish(switching);
        assertEquals(Phase.ROLLED_BACK, back.phase, back.endReason);
        assertTrue(back.endReason.contains("with all traffic"), back.endReason);
        assertEquals(List.of("storefront"), backends(), "all traffic back on blue");
        assertEquals(REGISTRY + "/storefront:1.0.0", blueImage());
        greenIsGoneAndBluesHpaIsItsOwn();
    }
}
