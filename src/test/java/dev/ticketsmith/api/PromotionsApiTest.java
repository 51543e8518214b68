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

/**
 * Pipelines: {@code POST /api/promotions}, {@code GET /api/operations/{id}} and its controls, as
 * named API clients with scopes, under the environments' policy, once per {@code Idempotency-Key}.
 */
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
        return as("test-pipeline-token");
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
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
                .body("requester", equalTo("api:pipeline"));
        var record = audit.latest(Optional.of("catalog"), 5).stream()
                .filter(r -> r.actorId.equals("api:pipeline") && r.action.equals("promote")).findFirst().orElseThrow();
        assertEquals("ACCEPTED", record.decision);
        assertEquals("github:acme/shop#412", record.actorName, "the note says on whose behalf; the client is the requester");
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
        // no version: from the pipeline's previous environment to its last, where notifications does not run
        api().body("{\"service\":\"notifications\"}").post("/api/promotions").then().statusCode(400)
                .body("message", containsString("does not run in production"));
        api().body("{\"service\":\"catalog\",\"version\":\"a b\"}").post("/api/promotions").then().statusCode(400)
                .body("message", containsString("image or version"));
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

    @Test
    void aClientActsOnlyWithinItsScopesAndTheEnvironmentsPolicy() {
        as("test-auditor-token").body("{\"service\":\"catalog\",\"version\":\"2.1.0\"}").post("/api/promotions").then().statusCode(403)
                .body("message", containsString("does not hold the scope promote:staging"));
        as("test-stager-token").body("{\"service\":\"catalog\",\"version\":\"2.1.0\"}").post("/api/promotions").then().statusCode(403)
                .body("message", containsString("may promote in staging"));
        as("test-stager-token").get("/api/operations/" + UUID.randomUUID()).then().statusCode(403)
                .body("message", containsString("operations:read"));
        as("test-stager-token").get("/api/audit").then().statusCode(403);
        as("test-auditor-token").get("/api/audit").then().statusCode(200);
        as("not-a-token").get("/api/audit").then().statusCode(401);
        assertEquals("REFUSED", audit.latest(Optional.of("catalog"), 5).stream()
                .filter(r -> r.actorId.equals("api:stager")).findFirst().orElseThrow().decision, "refusals are recorded");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStartsNothingAndGetsTheSameAnswer() {
        String key = "deploy-" + UUID.randomUUID();
        String body = "{\"service\":\"catalog\",\"version\":\"2.1.0\"}";
        String first = api().header("Idempotency-Key", key).body(body).post("/api/promotions").then().statusCode(202).extract().path("id");
        String again = api().header("Idempotency-Key", key).body(body).post("/api/promotions").then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again, "the same operation, not a second one");
        api().header("Idempotency-Key", key).body("{\"service\":\"catalog\",\"version\":\"2.2.0\"}").post("/api/promotions").then()
                .statusCode(422).body("error", equalTo("idempotency_key_reused"));
        assertEquals(1, audit.latest(Optional.of("catalog"), 10).stream()
                .filter(r -> r.action.equals("promote") && r.decision.equals("ACCEPTED") && first.equals(r.operationId)).count());
    }

    @Test
    void aPipelineAbortsPausesAndResumesItsOperation() {
        String id = api().body("{\"service\":\"catalog\",\"version\":\"2.1.0\"}").post("/api/promotions").then().statusCode(202)
                .extract().path("id");
        api().post("/api/operations/" + id + "/pause").then().statusCode(200).body("phase", equalTo("PAUSED"));
        api().post("/api/operations/" + id + "/pause").then().statusCode(409).body("message", containsString("cannot be paused"));
        api().post("/api/operations/" + id + "/resume").then().statusCode(200).body("phase", equalTo("RUNNING"));
        as("test-auditor-token").post("/api/operations/" + id + "/abort").then().statusCode(403)
                .body("message", containsString("operations:control"));
        api().post("/api/operations/" + id + "/abort").then().statusCode(200).body("rollingBack", equalTo(true));
        api().post("/api/operations/" + id + "/explode").then().statusCode(404);
        assertEquals("ABORTED", audit.latest(Optional.of("catalog"), 10).stream()
                .filter(r -> r.actorId.equals("api:pipeline") && r.action.endsWith("aborted")).findFirst().orElseThrow().decision);
    }
}
