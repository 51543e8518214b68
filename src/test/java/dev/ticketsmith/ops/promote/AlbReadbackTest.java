package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.TargetGroupBindings;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeElbv2;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With AWS access configured, a promotion behind an ALB reads back what the load balancer applies
 * (ELBv2 against a local endpoint): the hold starts only once the weight is in force, canary
 * targets the ALB finds unhealthy roll the release back, and a weight never applied fails the step.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
@QuarkusTestResource(value = FakeElbv2.class, restrictToAnnotatedClass = true)
class AlbReadbackTest {

    private static final String NS = "shop-staging";
    private static final String STABLE_TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/k8s-shopstag-checkout-6a1f0e2b3c/73e2d6bc24d8a067";
    private static final String CANARY_TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/k8s-shopstag-checkoutc-0b9e8d7c6a/2453ed029918f21f";
    private static final String INTERNAL_TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/k8s-internal-checkout/11aa22bb33cc44dd";
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

    @Inject
    AuditTrail audit;

    @Inject
    AlbTrafficCheck albCheck;

    @BeforeAll
    static void smokeAndMetrics() throws IOException {
        endpoints = LocalEndpoints.start();
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void cluster() throws SQLException {
        Operations.endActive(dataSource, "checkout");
        CheckoutCluster.seed(kube, NS, 4);
        binding("a-internal-checkout", "checkout", "checkout-internal", INTERNAL_TG); // the same Service behind another Ingress
        binding("k8s-checkout", "checkout", "checkout", STABLE_TG);
        binding("k8s-checkout-canary", "checkout-canary", "checkout", CANARY_TG);
        FakeElbv2.targetGroups(STABLE_TG, CANARY_TG);
        FakeElbv2.rules(STABLE_TG, 100, CANARY_TG, 0);
        FakeElbv2.targetHealth("10.0.1.5=healthy", "10.0.1.6=healthy");
    }

    /** What the AWS Load Balancer Controller creates for each Service an Ingress routes to. */
    private void binding(String name, String service, String ingress, String arn) {
        GenericKubernetesResource tgb = new GenericKubernetesResourceBuilder().withApiVersion("elbv2.k8s.aws/v1beta1")
                .withKind("TargetGroupBinding").withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels("ingress.k8s.aws/stack-name", ingress).addToLabels("ingress.k8s.aws/stack-namespace", NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("serviceRef", Map.of("name", service, "port", 80),
                        "targetGroupARN", arn, "targetType", "ip"))
                .build();
        kube.genericKubernetesResources(TargetGroupBindings.CONTEXT).inNamespace(NS).resource(tgb).createOr(r -> r.update());
    }

    private Operation start() {
        var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(),
                "1.4.2", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, () -> CheckoutCluster.canaryBecomesReady(kube, NS));
    }

    private String stepRecords(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> String.join("\n", audit.latest(Optional.of("checkout"), 200).stream()
                .filter(r -> id.toString().equals(r.operationId) && r.detail != null).map(r -> r.detail).toList()));
    }

    @Test
    void theHoldStartsOnceTheAlbAppliesTheWeightAndUnhealthyTargetsRollBack() throws Exception {
        Operation op = start();
        Operation waiting = driver().runUntil(op.id, o -> o.latestReason() != null && o.latestReason().contains("not yet 10%"));
        assertEquals(Phase.RUNNING, waiting.phase);
        assertTrue(waiting.latestReason().contains("the ALB forwards 0% to the canary, not yet 10%"), waiting.latestReason());
        for (int i = 0; i < 3; i++) {
            Operations.makeDue(dataSource, op.id);
            reconciler.tick();
        }
        assertTrue(OperationDriver.at("canary.weight", "10").test(OperationDriver.load(op.id)), "no hold while the ALB lags");

        FakeElbv2.rules(STABLE_TG, 90, CANARY_TG, 10); // the controller caught up
        driver().runUntil(op.id, OperationDriver.at("canary.weight", "50"));
        assertTrue(stepRecords(op.id).contains("the ALB forwards 10%, 2/2 canary targets healthy"), stepRecords(op.id));

        FakeElbv2.rules(STABLE_TG, 50, CANARY_TG, 50);
        FakeElbv2.targetHealth("10.0.1.5=healthy", "10.0.1.6=unhealthy:Target.ResponseCodeMismatch");
        Operation done = driver().runUntil(op.id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("the ALB finds 1/2 canary targets unhealthy: 10.0.1.6 (Target.ResponseCodeMismatch)"),
                done.endReason);
        assertTrue(FakeElbv2.calls("DescribeTargetHealth") > 0 && FakeElbv2.calls("DescribeRules") > 0);
    }

    @Test
    void aWeightTheAlbNeverAppliesFailsTheStepAfterTheTimeout() throws Exception {
        Operation op = start();
        Operation done = driver().runUntil(op.id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("at 10%: the ALB forwards 0% to the canary, not yet 10% (for "), done.endReason);
        assertTrue(done.endReason.contains("longer than 5s)"), done.endReason);
    }

    @Test
    void aServiceWithoutATargetGroupBindingWaitsForTheController() {
        kube.genericKubernetesResources(TargetGroupBindings.CONTEXT).inNamespace(NS).withName("k8s-checkout-canary").delete();
        var verdict = albCheck.check(NS, catalog.service("checkout", "staging").traffic(), 10).orElseThrow();
        assertTrue(verdict instanceof AlbTrafficCheck.Pending p && p.reason().contains("bind a target group to Service `checkout-canary`"),
                verdict.toString());
    }

    @Test
    void inAnIngressGroupTheBindingsOfThatGroupAreUsed() {
        var bindings = kube.genericKubernetesResources(TargetGroupBindings.CONTEXT).inNamespace(NS);
        bindings.delete();
        kube.network().v1().ingresses().inNamespace(NS).withName("checkout")
                .edit(i -> new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder(i).editMetadata()
                        .addToAnnotations("alb.ingress.kubernetes.io/group.name", "shop").endMetadata().build());
        for (String[] b : new String[][] {{"a-internal-checkout", "checkout", "internal", INTERNAL_TG},
                {"k8s-shop-checkout", "checkout", "shop", STABLE_TG}, {"k8s-shop-checkoutc", "checkout-canary", "shop", CANARY_TG}}) {
            bindings.resource(new GenericKubernetesResourceBuilder().withApiVersion("elbv2.k8s.aws/v1beta1").withKind("TargetGroupBinding")
                    .withNewMetadata().withName(b[0]).withNamespace(NS).addToLabels("ingress.k8s.aws/stack", b[2]).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("serviceRef", Map.of("name", b[1], "port", 80), "targetGroupARN", b[3]))
                    .build()).createOr(r -> r.update());
        }
        FakeElbv2.rules(STABLE_TG, 90, CANARY_TG, 10);
        var verdict = albCheck.check(NS, catalog.service("checkout", "staging").traffic(), 10).orElseThrow();
        assertTrue(verdict instanceof AlbTrafficCheck.Applied a && a.detail().contains("forwards 10%"), verdict.toString());
    }
}
