package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.routing.ReplicaRatioRouter;
import dev.ticketsmith.kube.routing.ReplicaSplit;
import dev.ticketsmith.kube.routing.RouteTarget;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
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
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Promotions of a service with no layer-7 router: the canary sits behind the stable Service and
 * the traffic steps split the stable's replicas between the two, holding the stable HPA at the
 * stable share.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class ReplicaRatioPromotionTest {

    private static final String NS = "shop-staging";
    private static final String REGISTRY = "127.0.0.1:18765";
    private static final String DIGEST = "sha256:" + "7d".repeat(32);
    private static com.sun.net.httpserver.HttpServer smoke;

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

    @Inject
    ReplicaRatioRouter router;

    @BeforeAll
    static void smokeEndpointAndRegistry() throws IOException {
        smoke = LocalEndpoints.start();
        LocalEndpoints.manifest(smoke, "search", "3.1.0", () -> DIGEST);
    }

    @AfterAll
    static void stopSmoke() {
        smoke.stop(0);
    }

    @BeforeEach
    void cluster() throws SQLException {
        Operations.endActive(dataSource, "search");
        kube.apps().deployments().inNamespace(NS).withName("search-canary").delete();
        kube.pods().inNamespace(NS).withLabel("app", "search").delete();
        kube.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("search").withNamespace(NS).addToLabels("app", "search").endMetadata()
                .withNewSpec().withReplicas(10).withNewSelector().addToMatchLabels("app", "search").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(REGISTRY + "/search:3.0.0").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(10).withReadyReplicas(10).withUpdatedReplicas(10).endStatus().build())
                .createOr(d -> d.update());
        kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("search").endMetadata()
                .withNewSpec().addToSelector("app", "search").addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build())
                .createOr(s -> s.update());
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("search").endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(20)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("search").endScaleTargetRef()
                .endSpec().build()).createOr(h -> h.update());
    }

    private Operation start() {
        var request = PromotionPlan.build(catalog.service("search", "staging"), catalog.environment("staging").orElseThrow(),
                "3.1.0", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    /** The controller's part: whatever the canary asks for becomes ready. */
    private void canaryBecomesReady() {
        Deployment canary = kube.apps().deployments().inNamespace(NS).withName("search-canary").get();
        if (canary != null) {
            kube.apps().deployments().inNamespace(NS).withName("search-canary").editStatus(d -> new DeploymentBuilder(d)
                    .withNewStatus().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(d.getSpec().getReplicas()).endStatus().build());
        }
    }

    private Operation runUntil(UUID id, Predicate<Operation> until) throws Exception {
        return new OperationDriver(reconciler, dataSource, this::canaryBecomesReady).runUntil(id, until);
    }

    private static Predicate<Operation> at(String type, String weight) {
        return OperationDriver.at(type, weight);
    }

    private int replicas(String name) {
        Deployment d = kube.apps().deployments().inNamespace(NS).withName(name).get();
        return d == null ? -1 : d.getSpec().getReplicas();
    }

    private HorizontalPodAutoscaler hpa() {
        return kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("search").get();
    }

    @Test
    void weightsBecomeReplicaSplitsOfTheStableSize() {
        assertEquals(new ReplicaSplit(0, 10), ReplicaSplit.of(10, 0));
        assertEquals(new ReplicaSplit(1, 9), ReplicaSplit.of(10, 10));
        assertEquals(new ReplicaSplit(3, 7), ReplicaSplit.of(10, 25));
        assertEquals(new ReplicaSplit(10, 0), ReplicaSplit.of(10, 100));
        assertEquals(new ReplicaSplit(1, 1), ReplicaSplit.of(1, 10), "one replica: the canary gets one and so does the stable");
        assertEquals(new ReplicaSplit(1, 2), ReplicaSplit.of(3, 5), "a small weight still gets one canary replica");
        assertEquals(new ReplicaSplit(2, 1), ReplicaSplit.of(3, 99), "below 100% the stable keeps one");
        assertEquals(33, ReplicaSplit.of(3, 5).weight());
    }

    @Test
    void aRollbackWithoutARecordedSizeNeverShrinksTheStable() {
        var traffic = catalog.service("search", "staging").traffic();
        var change = router.setCanaryWeight(new RouteTarget(NS, traffic, "search", 1, java.util.Optional.empty(), null), 0);
        assertTrue(change.settled());
        assertEquals(10, replicas("search"), "an unknown baseline (1) does not scale 10 replicas down");
    }

    @Test
    void aReplicaRoutedServiceIsPromotedByMovingReplicas() throws Exception {
        Operation op = start();
        runUntil(op.id, at("canary.weight", "50"));
        assertEquals(1, replicas("search-canary"), "10% of 10");
        assertEquals(REGISTRY + "/search:3.1.0@" + DIGEST, CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("search-canary").get(), "app"), "the tag resolved and pinned");
        assertEquals(9, replicas("search"));
        assertEquals(9, hpa().getSpec().getMinReplicas(), "the HPA holds the stable share");
        assertEquals(9, hpa().getSpec().getMaxReplicas());
        assertNull(kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("search-canary").get(),
                "the steps size the canary: no canary HPA");
        assertEquals("canary", kube.services().inNamespace(NS).withName("search-canary").get().getSpec().getSelector()
                .get(CanaryWorkloads.TRACK), "a canary Service for the smoke test");
        var canaryLabels = kube.apps().deployments().inNamespace(NS).withName("search-canary").get().getSpec().getTemplate()
                .getMetadata().getLabels();
        assertEquals("search", canaryLabels.get("app"), "canary pods stay behind the stable Service");

        runUntil(op.id, at("canary.finalize", null));
        assertEquals(10, replicas("search-canary"), "at 100% the canary carries everything");
        assertEquals(0, replicas("search"));

        Operation done = runUntil(op.id, o -> false);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(10, replicas("search"), "the stable has its replicas back");
        assertEquals(REGISTRY + "/search:3.1.0@" + DIGEST, CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("search").get(), "app"), "the stable runs the digest the canary ran");
        assertEquals(-1, replicas("search-canary"), "canary removed");
        assertEquals(2, hpa().getSpec().getMinReplicas(), "HPA bounds restored");
        assertEquals(20, hpa().getSpec().getMaxReplicas());
    }

    @Test
    void aFailingCanaryGivesTheStableItsReplicasBack() throws Exception {
        Operation op = start();
        runUntil(op.id, at("canary.weight", "100"));
        assertEquals(5, replicas("search-canary"));
        assertEquals(5, replicas("search"));
        kube.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("search-canary-abc")
                .addToLabels("app", "search").addToLabels(CanaryWorkloads.TRACK, "canary").endMetadata()
                .withNewStatus().addToContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(3)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().build())
                .endStatus().build()).create();
        kube.apps().deployments().inNamespace(NS).withName("search").editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withReplicas(10).withReadyReplicas(7).withUpdatedReplicas(10).endStatus().build()); // 7 of 10 up
        Operation rollingBack = runUntil(op.id, o -> o.onRollbackPath && o.latestReason() != null
                && o.latestReason().contains("handing pods over"));
        assertEquals(10, replicas("search"), "the stable is asked for its replicas back first");
        assertEquals(3, replicas("search-canary"), "the canary gives up only as many pods as the stable has ready");
        assertTrue(rollingBack.phase.active(), rollingBack.phase.toString());

        kube.apps().deployments().inNamespace(NS).withName("search").editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withReplicas(10).withReadyReplicas(10).withUpdatedReplicas(10).endStatus().build());
        Operation done = runUntil(op.id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("CrashLoopBackOff"), done.endReason);
        assertEquals(10, replicas("search"));
        assertEquals(-1, replicas("search-canary"));
        assertEquals(REGISTRY + "/search:3.0.0", CanaryWorkloads.imageOf(kube.apps().deployments().inNamespace(NS).withName("search").get(), "app"));
        assertEquals(2, hpa().getSpec().getMinReplicas());
        assertEquals(20, hpa().getSpec().getMaxReplicas());
    }
}
