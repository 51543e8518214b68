package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.testing.FakeSlackResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact objects each router writes, against the Kubernetes API mock server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class TrafficRoutersTest {

    @Inject
    KubernetesClient client;

    @Inject
    TrafficRouters routers;

    private static String namespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TrafficSpec alb() {
        return new TrafficSpec(TrafficSpec.Router.ALB_INGRESS, Optional.of("checkout"), Optional.of("checkout-route"),
                Optional.empty(), "checkout", "checkout-canary", 80);
    }

    private static TrafficSpec route() {
        return new TrafficSpec(TrafficSpec.Router.HTTP_ROUTE, Optional.empty(), Optional.empty(),
                Optional.of("catalog"), "catalog", "catalog-canary", 8080);
    }

    private Ingress ingress(String ns, String backendService, String annotation) {
        var builder = new IngressBuilder().withNewMetadata().withName("checkout").withNamespace(ns).endMetadata()
                .withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(backendService).withNewPort().withName("use-annotation").endPort().endService()
                .endBackend().endPath().endHttp().endRule().endSpec();
        if (annotation != null) {
            builder.editMetadata().addToAnnotations(AlbIngressRouter.ACTION_PREFIX + "checkout-route", annotation).endMetadata();
        }
        return client.network().v1().ingresses().inNamespace(ns).resource(builder.build()).create();
    }

    private String annotation(String ns) {
        return client.network().v1().ingresses().inNamespace(ns).withName("checkout").get()
                .getMetadata().getAnnotations().get(AlbIngressRouter.ACTION_PREFIX + "checkout-route");
    }

    @Test
    void theAlbActionCarriesExactlyTheTwoWeightedTargetGroups() {
        String ns = namespace();
        ingress(ns, "checkout-route", null);
        TrafficRouter alb = routers.forKind(TrafficSpec.Router.ALB_INGRESS).orElseThrow();
        RouteChange change = alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 10);
        assertTrue(change.changed());
        assertEquals("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"checkout\",\"servicePort\":\"80\",\"weight\":90},"
                + "{\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":10}]}}", annotation(ns));
        assertEquals(OptionalInt.of(10), alb.canaryWeight(RouteTarget.layer7(ns, alb())));

        String version = client.network().v1().ingresses().inNamespace(ns).withName("checkout").get().getMetadata().getResourceVersion();
        assertFalse(alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 10).changed(), "same weights: nothing written");
        assertEquals(version, client.network().v1().ingresses().inNamespace(ns).withName("checkout").get().getMetadata().getResourceVersion());

        RouteChange next = alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 25);
        assertEquals("Ingress checkout action checkout-route: canary 10% → 25%", next.detail());
        assertTrue(annotation(ns).contains("{\"serviceName\":\"checkout\",\"servicePort\":\"80\",\"weight\":75}"));
    }

    @Test
    void otherSettingsOfAnExistingActionAreKept() {
        String ns = namespace();
        ingress(ns, "checkout-route", "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"checkout\","
                + "\"servicePort\":\"80\"}],\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":60}}}");
        routers.forKind(TrafficSpec.Router.ALB_INGRESS).orElseThrow().setCanaryWeight(RouteTarget.layer7(ns, alb()), 50);
        assertTrue(annotation(ns).contains("\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":60}"), annotation(ns));
        assertTrue(annotation(ns).contains("\"weight\":50"));
    }

    @Test
    void aMissingIngressOrOneThatDoesNotUseTheActionIsExplained() {
        TrafficRouter alb = routers.forKind(TrafficSpec.Router.ALB_INGRESS).orElseThrow();
        String empty = namespace();
        RoutingException missing = assertThrows(RoutingException.class, () -> alb.setCanaryWeight(RouteTarget.layer7(empty, alb()), 10));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertEquals(OptionalInt.empty(), alb.canaryWeight(RouteTarget.layer7(empty, alb())));

        String ns = namespace();
        ingress(ns, "checkout", null);
        RoutingException unwired = assertThrows(RoutingException.class, () -> alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 10));
        assertTrue(unwired.getMessage().contains("use-annotation"), unwired.getMessage());
    }

    @Test
    void theHttpRouteGetsWeightedStableAndCanaryBackendRefs() {
        String ns = namespace();
        HTTPRoute seeded = new HTTPRouteBuilder().withNewMetadata().withName("catalog").withNamespace(ns).endMetadata()
                .withNewSpec().addNewParentRef().withName("shop-gateway").endParentRef()
                .addNewRule().addNewMatch().withNewPath().withType("PathPrefix").withValue("/catalog").endPath().endMatch()
                .addNewBackendRef().withName("catalog").withPort(8080).endBackendRef().endRule()
                .addNewRule().addNewBackendRef().withName("search").withPort(9000).endBackendRef().endRule()
                .endSpec().build();
        client.resources(HTTPRoute.class).inNamespace(ns).resource(seeded).create();
        TrafficRouter router = routers.forKind(TrafficSpec.Router.HTTP_ROUTE).orElseThrow();

        assertTrue(router.setCanaryWeight(RouteTarget.layer7(ns, route()), 25).changed());
        HTTPRoute written = client.resources(HTTPRoute.class).inNamespace(ns).withName("catalog").get();
        List<HTTPBackendRef> refs = written.getSpec().getRules().get(0).getBackendRefs();
        assertEquals(2, refs.size());
        assertEquals(List.of("catalog", "catalog-canary"), refs.stream().map(HTTPBackendRef::getName).toList());
        assertEquals(List.of(75, 25), refs.stream().map(HTTPBackendRef::getWeight).toList());
        assertEquals(List.of(8080, 8080), refs.stream().map(HTTPBackendRef::getPort).toList());
        assertEquals("search", written.getSpec().getRules().get(1).getBackendRefs().get(0).getName(), "other rules untouched");
        assertEquals(null, written.getSpec().getRules().get(1).getBackendRefs().get(0).getWeight());
        assertEquals("shop-gateway", written.getSpec().getParentRefs().get(0).getName());

        assertFalse(router.setCanaryWeight(RouteTarget.layer7(ns, route()), 25).changed());
        assertTrue(router.setCanaryWeight(RouteTarget.layer7(ns, route()), 100).changed());
        assertEquals(OptionalInt.of(100), router.canaryWeight(RouteTarget.layer7(ns, route())));
        assertEquals(List.of(0, 100), client.resources(HTTPRoute.class).inNamespace(ns).withName("catalog").get()
                .getSpec().getRules().get(0).getBackendRefs().stream().map(HTTPBackendRef::getWeight).toList());
    }

    @Test
    void anHttpRouteWithoutTheStableServiceIsExplained() {
        String ns = namespace();
        client.resources(HTTPRoute.class).inNamespace(ns).resource(new HTTPRouteBuilder().withNewMetadata().withName("catalog").endMetadata()
                .withNewSpec().addNewRule().addNewBackendRef().withName("elsewhere").withPort(80).endBackendRef().endRule().endSpec().build())
                .create();
        RoutingException e = assertThrows(RoutingException.class,
                () -> routers.forKind(TrafficSpec.Router.HTTP_ROUTE).orElseThrow().setCanaryWeight(RouteTarget.layer7(ns, route()), 10));
        assertTrue(e.getMessage().contains("backendRef to Service `catalog`"), e.getMessage());
    }

    @Test
    void theCanaryLeavesTheAlbActionWholeAndWeightZeroNeverAddsIt() {
        String ns = namespace();
        ingress(ns, "checkout-route", "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"checkout\","
                + "\"servicePort\":\"80\"}],\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":60}}}");
        TrafficRouter alb = routers.forKind(TrafficSpec.Router.ALB_INGRESS).orElseThrow();
        assertFalse(alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 0).changed(), "weight 0 on an action without the canary");
        assertFalse(annotation(ns).contains("checkout-canary"), annotation(ns));

        alb.setCanaryWeight(RouteTarget.layer7(ns, alb()), 30);
        RouteChange detached = alb.detachCanary(RouteTarget.layer7(ns, alb()));
        assertTrue(detached.changed());
        assertEquals("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"checkout\",\"servicePort\":\"80\"}],"
                + "\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":60}}}", annotation(ns),
                "a single target group, no weight (the controller wants weights only for several), other settings kept");
        assertFalse(alb.detachCanary(RouteTarget.layer7(ns, alb())).changed(), "nothing left to detach");
        assertFalse(alb.detachCanary(RouteTarget.layer7(namespace(), alb())).changed(), "no Ingress: nothing to detach from");
    }

    @Test
    void theCanaryLeavesTheHttpRouteAndTheStableRefGetsItsDefaultWeightBack() {
        String ns = namespace();
        client.resources(HTTPRoute.class).inNamespace(ns).resource(new HTTPRouteBuilder().withNewMetadata().withName("catalog").endMetadata()
                .withNewSpec().addNewRule().addNewBackendRef().withName("catalog").withPort(8080).endBackendRef().endRule().endSpec().build())
                .create();
        TrafficRouter router = routers.forKind(TrafficSpec.Router.HTTP_ROUTE).orElseThrow();
        assertFalse(router.setCanaryWeight(RouteTarget.layer7(ns, route()), 0).changed(), "weight 0 never adds the canary");
        router.setCanaryWeight(RouteTarget.layer7(ns, route()), 40);
        assertTrue(router.detachCanary(RouteTarget.layer7(ns, route())).changed());
        List<HTTPBackendRef> refs = client.resources(HTTPRoute.class).inNamespace(ns).withName("catalog").get()
                .getSpec().getRules().get(0).getBackendRefs();
        assertEquals(List.of("catalog"), refs.stream().map(HTTPBackendRef::getName).toList());
        assertEquals(null, refs.get(0).getWeight());
        assertFalse(router.detachCanary(RouteTarget.layer7(ns, route())).changed());
    }
}
