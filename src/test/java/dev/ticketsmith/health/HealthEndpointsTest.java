package dev.ticketsmith.health;

import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The three probes' endpoints, readiness on the database, and Slack and Kubernetes reported but never gating. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class HealthEndpointsTest {

    private static final String DEPENDENCIES = "checks.find { it.name == 'dependencies (reported, never gating)' }.data.";

    @Inject
    @org.eclipse.microprofile.health.Readiness
    DependencyReports dependencies;

    private CachedReachability system(String name) {
        return dependencies.systems().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void startedLiveAndReadyAreUpWithTheDatabase() {
        RestAssured.get("/q/health/started").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'bootstrap' }.data.schemaMigrated", equalTo(true))
                .body("checks.find { it.name == 'bootstrap' }.data.catalogueLoaded", equalTo(true));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
    }

    @Test
    void slackDownIsReportedWhileReadinessStaysUp() {
        FakeSlackApi slack = FakeSlackResource.api();
        // two: the SDK resolves the token's team with an auth.test of its own before the call, until one succeeds
        slack.failNext("auth.test", 500, null, 2);
        system("slack").refreshNow();
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(DEPENDENCIES + "slack", startsWith("UNREACHABLE"))
                .body(DEPENDENCIES + "slack", containsString("HTTP 500"));
        slack.reset(); // whatever failure the SDK's own look-up did not take
        system("slack").refreshNow();
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body(DEPENDENCIES + "slack", startsWith("reachable (checked 0s ago): team Fake"));
    }

    @Test
    void kubernetesIsReportedWithItsVersion() {
        system("kubernetes").refreshNow();
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body(DEPENDENCIES + "kubernetes", startsWith("reachable"));
    }

    @Test
    void repeatedProbesDoNotCallSlackEachTime() {
        FakeSlackApi slack = FakeSlackResource.api();
        system("slack").refreshNow(); // fresh for the test profile's hour
        int before = slack.calls("auth.test").size();
        for (int i = 0; i < 10; i++) {
            RestAssured.get("/q/health/ready").then().statusCode(200);
            RestAssured.get("/q/health").then().statusCode(200);
        }
        assertEquals(before, slack.calls("auth.test").size(), "no probe called auth.test");
    }
}
