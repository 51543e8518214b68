package dev.ticketsmith.slack;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A promotion whose registry look-up stalls (a registry that answers nothing for 20 seconds, with
 * a 5-second timeout per request: up to 20 seconds for the look-up) never holds up anyone else:
 * 50 other users' slash commands, each recorded in the audit trail, are all acknowledged within
 * Slack's 3 seconds while it stalls.
 */
@QuarkusTest
@TestProfile(AckDuringRegistryStallTest.SlowRegistry.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AckDuringRegistryStallTest {

    /** Registry requests wait up to 5 seconds each. */
    public static class SlowRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketsmith.registry.timeout", "5s");
        }
    }

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

    @Test
    void fiftySlashCommandsAreAcknowledgedWithinThreeSecondsWhileARegistryStalls() throws Exception {
        Operations.endAllActive(dataSource);
        CheckoutCluster.seed(kube, "shop-staging", 4);
        fiftyCommands(); // a service that has been up a while: warm
        CountDownLatch stalled = new CountDownLatch(1);
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", LocalEndpoints.PORT), 0);
        registry.setExecutor(Executors.newCachedThreadPool());
        registry.createContext("/", exchange -> {
            stalled.countDown();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        registry.start();
        ExecutorService ticker = Executors.newSingleThreadExecutor();
        AtomicBoolean ticking = new AtomicBoolean(true);
        try {
            var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(),
                    "127.0.0.1:" + LocalEndpoints.PORT + "/stall/checkout:1.4.2", "U0DEV1", "dev");
            Operation op = assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
            ticker.submit(() -> {
                while (ticking.get() && stalled.getCount() > 0) {
                    Operations.makeDue(dataSource, op.id);
                    reconciler.tick();
                }
                return null;
            });
            assertTrue(stalled.await(30, TimeUnit.SECONDS), "the promotion reached the registry");
            List<Long> millis = fiftyCommands();
            long slowest = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(slowest < 3000, "every ack within Slack's 3 seconds while the registry stalls; slowest " + slowest + " ms: " + millis);
        } finally {
            ticking.set(false);
            registry.stop(0);
            ticker.shutdownNow();
        }
    }

    /** Fifty users each send a command at once; how long each waited for its acknowledgement. */
    static List<Long> fiftyCommands() throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService users = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String user = "U0DEV" + (100 + i);
                acks.add(users.submit(() -> {
                    long start = System.nanoTime();
                    SlackRequests.command(user, "history checkout 3").statusCode(200);
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }));
            }
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } finally {
            users.shutdown();
        }
        return millis;
    }
}
