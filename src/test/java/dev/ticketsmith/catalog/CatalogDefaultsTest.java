package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.EnvironmentSpec.RollbackMode;
import dev.ticketsmith.catalog.ServiceSpec.Strategy;
import dev.ticketsmith.catalog.TrafficSpec.Router;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a catalogue means when it leaves things out. */
class CatalogDefaultsTest {

    private static final String MINIMAL = """
            environments:
              production: {namespace: shop, channel: C0PROD}
            services:
              web: {}
            databases:
              main:
                environment: production
                provider: pgdump
                pgdump: {url: "jdbc:postgresql://db:5432/main", store: "file:///backups/main/"}
                restoreTest: {schedule: "0 0 4 * * ?", channel: C0DR}
            """;

    @Test
    void environmentDefaults() throws CatalogException {
        Catalog catalog = TestCatalogs.load(MINIMAL);
        EnvironmentSpec production = catalog.environment("production").orElseThrow();

        assertEquals("production", catalog.defaultEnvironment());
        assertEquals(List.of(), catalog.pipeline());
        assertEquals(0, production.approvals());
        assertEquals(Duration.ofMinutes(30), production.approvalTtl());
        assertEquals(RollbackMode.APPROVAL, production.rollback());
        assertTrue(production.provenance().isEmpty());
        assertTrue(production.requesters().isEmpty() && production.approvers().isEmpty() && production.oncall().isEmpty());
    }

    @Test
    void serviceDefaults() throws CatalogException {
        ServiceSpec web = TestCatalogs.load(MINIMAL).service("web", "production");

        assertEquals("web", web.deployment());
        assertTrue(web.container().isEmpty() && web.hpa().isEmpty());
        assertEquals(Strategy.CANARY, web.strategy());
        assertEquals(new TrafficSpec(Router.REPLICAS, Optional.empty(), Optional.empty(),
                Optional.empty(), "web", "web-canary", 80), web.traffic());
        assertEquals(new SmokeSpec("http://{canaryService}.{namespace}.svc.cluster.local:{port}/healthz", 200, 3,
                Duration.ofSeconds(5)), web.smoke());
        assertEquals(0, web.analysis().maxRestarts());
        assertTrue(web.analysis().prometheus().isEmpty());
        assertEquals(List.of(10, 25, 50, 100), web.steps().stream().map(CanaryStep::weight).toList());
        assertTrue(web.steps().stream().allMatch(step -> step.hold().equals(Duration.ofMinutes(2))));
        assertEquals(Duration.ofMinutes(10), web.readyTimeout());
        assertEquals(Duration.ofMinutes(5), web.scaleDownDelay());
        assertEquals(10, web.canaryReplicasPercent());
        assertEquals(new ScalingSpec(50, Optional.empty(), Duration.ofHours(8)), web.scaling());
        assertEquals(new AutoscalingSpec(70, 30), web.autoscaling());
    }

    @Test
    void databaseDefaults() throws CatalogException {
        DatabaseSpec main = TestCatalogs.load(MINIMAL).database("main").orElseThrow();
        RestoreTestSpec test = main.restoreTest().orElseThrow();

        assertEquals(List.of(), main.consumers());
        assertTrue(main.rds().isEmpty());
        assertEquals(Duration.ZERO, test.keepFor());
        assertTrue(test.rto().isEmpty() && test.rpo().isEmpty());
        assertEquals(Duration.ofHours(24), main.rpoTarget());
        assertFalse(main.cutoverApproval());
        assertEquals(2, main.pgdump().orElseThrow().jobs());
        assertEquals(Duration.ofHours(2), main.pgdump().orElseThrow().timeout());
        assertTrue(main.pgdump().orElseThrow().backup().isEmpty());
        assertTrue(test.oncall().isEmpty());
        assertEquals(List.of(), test.validation());
    }

    @Test
    void serviceNamesFollowTheDeployment() throws CatalogException {
        Catalog catalog = TestCatalogs.load(TestCatalogs.patched(
                "services: {api: {deployment: api-v2}, front: {traffic: {stableService: front-stable}}}"));
        TrafficSpec api = catalog.service("api", "production").traffic();

        assertEquals("api-v2", api.stableService());
        assertEquals("api-v2-canary", api.canaryService());
        assertEquals("front-stable-canary", catalog.service("front", "production").traffic().canaryService());
    }

    @Test
    void defaultEnvironmentIsTheFirstOfThePipelineUnlessGiven() throws CatalogException {
        assertEquals("staging", TestCatalogs.load(TestCatalogs.VALID).defaultEnvironment());
        assertEquals("production", TestCatalogs.load(TestCatalogs.patched("defaultEnvironment: production")).defaultEnvironment());
        assertEquals("production", TestCatalogs.load(TestCatalogs.patched("pipeline: [production, staging]")).defaultEnvironment());
    }

    @Test
    void servicesAreDeployedEverywhereUnlessListed() throws CatalogException {
        Catalog catalog = TestCatalogs.load(TestCatalogs.patched("services: {catalog: {deployedIn: [staging]}}"));

        assertEquals(List.of("staging", "production"), catalog.deployedIn("checkout"));
        assertEquals(List.of("staging"), catalog.deployedIn("catalog"));
        assertEquals(List.of("checkout"), catalog.servicesIn("production"));
        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> catalog.service("catalog", "production"));
        assertEquals("Service \"catalog\" is not deployed in \"production\"; it is deployed in staging.", missing.getMessage());
    }

    @Test
    void aNullOverrideRestoresTheDefault() throws CatalogException {
        Catalog catalog = TestCatalogs.load(TestCatalogs.patched("""
                services:
                  catalog:
                    hpa: catalog
                    readyTimeout: 20m
                    environments: {staging: {hpa: ~, readyTimeout: ~}}
                """));

        assertTrue(catalog.service("catalog", "staging").hpa().isEmpty());
        assertEquals(Duration.ofMinutes(10), catalog.service("catalog", "staging").readyTimeout());
        assertEquals("catalog", catalog.service("catalog", "production").hpa().orElseThrow());
    }
}
