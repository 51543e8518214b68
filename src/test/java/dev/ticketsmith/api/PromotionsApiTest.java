package dev.ticketsmith.api;

import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pipelines: {@code POST /api/promotions} and {@code GET /api/operations/{id}}. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class PromotionsApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail audit;

    @BeforeEach
    void free() throws SQLException {
        Operations.endActive(dataSource, "catalog");
        Operations.endActive(dataSource, "notifications");
    }

    private static RequestSpecification api() {
        return RestAssured.given().header("Authorization", "Bearer test-api-token").contentType("application/json");
    }

    @Test
    void aPipelineStartsAPromotionAndFollowsIt() {
        var accepted = api().body("{\"service\":\"catalog\",\"environment\":\"staging\",\"version\":\"2.1.0\",\"requester\":\"github:acme/shop#412\"}")
                .post("/api/promotions").then().statusCode(202).extract();
        String id = accepted.path("id");
        org.hamcrest.MatcherAssert.assertThat(accepted.header("Location"), endsWith("/api/operations/" + id));
        api().get("/api/operations/" + id).then().statusCode(200)
                .body("service", equalTo("catalog")).body("environment", equalTo("staging"))
                .body("phase", equalTo("PENDING")).body("currentStep", equalTo(1))
                .body("canaryWeight", equalTo(0))
                .body("plan", hasItem("smoke test"))
                .body("requester", equalTo("api:github:acme/shop#412"));
        assertEquals("ACCEPTED", audit.latest(Optional.of("catalog"), 5).stream()
                .filter(r -> r.actorId.equals("api:github:acme/shop#412") && r.action.equals("promote")).findFirst().orElseThrow().decision);
    }

    @Test
    void aBusyServiceIs409() {
        api().body("{\"service\":\"catalog\",\"version\":\"2.1.0\"}").post("/api/promotions").then().statusCode(202);
        api().body("{\"service\":\"catalog\",\"version\":\"2.1.1\"}").post("/api/promotions").then().statusCode(409)
                .body("error", equalTo("busy"));
        api().body("{\"service\":\"notifications\",\"version\":\"2.1.1\"}").post("/api/promotions").then().statusCode(202)
                .body("phase", equalTo("PENDING"));
    }

    @Test
    void badRequestsAre400WithTheReason() {
        api().body("{\"service\":\"catalgo\",\"version\":\"2.1.0\"}").post("/api/promotions").then().statusCode(400)
                .body("message", containsString("Did you mean \"catalog\""));
        api().body("{\"service\":\"catalog\"}").post("/api/promotions").then().statusCode(400)
                .body("message", containsString("image or version is required"));
        api().body("{\"service\":\"catalog\",\"image\":\"x:1\",\"version\":\"1\"}").post("/api/promotions").then().statusCode(400);
        api().body("{\"service\":\"notifications\",\"environment\":\"production\",\"version\":\"1\"}").post("/api/promotions").then()
                .statusCode(400).body("message", containsString("does not run in production"));
        api().body("not json").post("/api/promotions").then().statusCode(400);
        RestAssured.given().contentType("application/json").body("{}").post("/api/promotions").then().statusCode(401);
    }

    @Test
    void unknownOperationsAre404AndMalformedIds400() {
        api().get("/api/operations/" + UUID.randomUUID()).then().statusCode(404);
        api().get("/api/operations/not-a-uuid").then().statusCode(400);
    }
}
