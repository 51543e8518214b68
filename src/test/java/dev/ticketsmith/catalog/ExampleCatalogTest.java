package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.DatabaseSpec.Provider;
import dev.ticketsmith.catalog.EnvironmentSpec.RollbackMode;
import dev.ticketsmith.catalog.TrafficSpec.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented example catalogue loads, and its overrides resolve per environment. */
class ExampleCatalogTest {

    private static Catalog catalog;

    @BeforeAll
    static void load() throws CatalogException {
        catalog = CatalogLoader.load(Path.of("docs/examples/catalog.yaml"));
    }

    @Test
    void keepsDeclarationOrder() {
        assertEquals(List.of("staging", "production"), List.copyOf(catalog.environments().keySet()));
        assertEquals(List.of("checkout", "catalog", "notifications"), catalog.services());
        assertEquals(List.of("orders", "ledger"), List.copyOf(catalog.databases().keySet()));
        assertEquals(List.of("staging", "production"), catalog.pipeline());
        assertEquals("staging", catalog.defaultEnvironment());
    }

    @Test
    void readsEnvironments() {
        EnvironmentSpec production = catalog.environment("production").orElseThrow();

        assertEquals("shop-prod", production.namespace());
        assertEquals(2, production.approvals());
        assertEquals(Duration.ofMinutes(30), production.approvalTtl());
        assertEquals(RollbackMode.BREAK_GLASS, production.rollback());
        assertFalse(production.rollbackNeedsApproval());
        assertEquals("staging", production.provenance().orElseThrow().minHealthyIn());
        assertEquals(Duration.ofMinutes(30), production.provenance().orElseThrow().healthyFor());
        assertEquals(List.of("S0ONCALL"), production.oncall().groups());
        assertTrue(catalog.environment("prod").isEmpty());
    }

    @Test
    void stagingOverridesTheSteps() {
        ServiceSpec staging = catalog.service("checkout", "staging");
        ServiceSpec production = catalog.service("checkout", "production");

        assertEquals(List.of(new CanaryStep(100, Duration.ofSeconds(30))), staging.steps());
        assertEquals(List.of(10, 25, 50, 100), production.steps().stream().map(CanaryStep::weight).toList());
        assertEquals(production.steps(), catalog.service("checkout").orElseThrow().steps());
    }

    @Test
    void overridesMergeMapsField() {
        ScalingSpec staging = catalog.service("checkout", "staging").scaling();

        assertEquals(10, staging.maxReplicas());
        assertEquals(10, staging.approvalAbove().orElseThrow());
        assertEquals(Duration.ofHours(8), staging.maxOverride());
        assertEquals(50, catalog.service("checkout", "production").scaling().maxReplicas());
    }

    @Test
    void resolvesEachRouter() {
        TrafficSpec checkout = catalog.service("checkout", "production").traffic();
        TrafficSpec catalogTraffic = catalog.service("catalog", "production").traffic();
        TrafficSpec notifications = catalog.service("notifications", "production").traffic();

        assertEquals(Router.ALB_INGRESS, checkout.router());
        assertEquals("checkout-route", checkout.action().orElseThrow());
        assertEquals(Router.HTTP_ROUTE, catalogTraffic.router());
        assertEquals("catalog-canary", catalogTraffic.canaryService());
        assertEquals(Router.REPLICAS, notifications.router());
        assertEquals("notifications-canary", notifications.canaryService());
        assertEquals("notifications-worker", catalog.service("notifications", "staging").deployment());
    }

    @Test
    void environmentOnlyOverridesStayInThatEnvironment() {
        assertEquals(Duration.ofMinutes(15), catalog.service("notifications", "production").readyTimeout());
        assertEquals(Duration.ofMinutes(10), catalog.service("notifications", "staging").readyTimeout());
        assertEquals(60, catalog.service("notifications", "production").autoscaling().cpuTarget());
    }

    @Test
    void rendersTemplatesForAnEnvironment() {
        EnvironmentSpec production = catalog.environment("production").orElseThrow();
        ServiceSpec checkout = catalog.service("checkout", "production");

        assertEquals("http://checkout-canary.shop-prod.svc.cluster.local:80/healthz", checkout.render(checkout.smoke().url(), production));
        String query = checkout.analysis().prometheus().orElseThrow().queries().get(0).query();
        assertTrue(checkout.render(query, production).contains("{app=\"checkout-canary\",code=~\"5..\"}"));
    }

    @Test
    void readsDatabases() {
        DatabaseSpec orders = catalog.database("orders").orElseThrow();
        DatabaseSpec ledger = catalog.database("ledger").orElseThrow();

        assertEquals(Provider.RDS, orders.provider());
        assertEquals("orders-prod", orders.rds().orElseThrow().instance());
        assertEquals(0.26, orders.rds().orElseThrow().pricePerHour().orElseThrow());
        assertEquals(4, orders.restoreTest().orElseThrow().validation().size());
        assertTrue(orders.restoreTest().orElseThrow().validation().get(3).compareWithPrevious());
        assertEquals(Provider.PGDUMP, ledger.provider());
        assertEquals("s3://shop-backups/ledger/", ledger.pgdump().orElseThrow().store());
        assertEquals(Duration.ZERO, ledger.restoreTest().orElseThrow().keepFor());
        assertEquals(14, ledger.pgdump().orElseThrow().backup().orElseThrow().keep());
    }

    @Test
    void listsServicesPerEnvironment() {
        assertEquals(List.of("checkout", "catalog", "notifications"), catalog.servicesIn("production"));
        assertEquals(List.of(), catalog.servicesIn("qa"));
        assertEquals(List.of("staging", "production"), catalog.deployedIn("checkout"));
    }

    @Test
    void namesUnknownThingsHelpfully() {
        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> catalog.service("checkot", "staging"));

        assertEquals("There is no service named \"checkot\". Did you mean \"checkout\"? Known services: checkout, catalog,"
                + " notifications.", missing.getMessage());
        assertEquals("There is no environment named \"prod\". Did you mean \"production\"? Known environments: staging,"
                + " production.", catalog.unknownEnvironment("prod"));
    }
}
