package dev.ticketsmith.api;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.testing.FakeSlackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/** The audit trail over HTTP, behind the bearer token. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AuditApiTest {

    private static final String TOKEN = "Bearer test-auditor-token";

    @Inject
    AuditTrail trail;

    @Test
    void aMissingOrWrongTokenIs401() {
        RestAssured.given().get("/api/audit").then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"ticketsmith\""));
        RestAssured.given().header("Authorization", "Bearer wrong").get("/api/audit").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic dGVzdC1hcGktdG9rZW4=").get("/api/audit/verify").then().statusCode(401);
    }

    @Test
    void recordsOfOneServiceSinceAnInstant() {
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            trail.record(AuditEntry.by("api:ci", null).target("apisvc", "staging").decided("promote", AuditDecision.ACCEPTED, "n" + i));
        }
        RestAssured.given().header("Authorization", TOKEN)
                .queryParam("service", "apisvc").queryParam("since", before.toString()).queryParam("limit", "2")
                .get("/api/audit").then().statusCode(200)
                .body("count", equalTo(2))
                .body("records.target", everyItem(equalTo("apisvc")))
                .body("records[0].recordHash", matchesPattern("[0-9a-f]{64}"))
                .body("records[0].detail", equalTo("n0"));
        RestAssured.given().header("Authorization", TOKEN).queryParam("since", "1h").get("/api/audit").then().statusCode(200)
                .body("records", hasSize(greaterThanOrEqualTo(3)));
        RestAssured.given().header("Authorization", TOKEN).queryParam("since", "7d").queryParam("service", "apisvc")
                .get("/api/audit").then().statusCode(200).body("records", hasSize(greaterThanOrEqualTo(3)));
    }

    @Test
    void badParametersAre400WithAReason() {
        RestAssured.given().header("Authorization", TOKEN).queryParam("limit", "0").get("/api/audit").then().statusCode(400)
                .body("error", equalTo("bad_request"));
        RestAssured.given().header("Authorization", TOKEN).queryParam("limit", "lots").get("/api/audit").then().statusCode(400);
        RestAssured.given().header("Authorization", TOKEN).queryParam("since", "last tuesday").get("/api/audit").then().statusCode(400);
    }

    @Test
    void verifyWalksTheChain() {
        trail.record(AuditEntry.by("api:ci", null).decided("verify-test", AuditDecision.ACCEPTED, null));
        RestAssured.given().header("Authorization", TOKEN).get("/api/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true))
                .body("recordsChecked", greaterThanOrEqualTo(1));
    }
}
