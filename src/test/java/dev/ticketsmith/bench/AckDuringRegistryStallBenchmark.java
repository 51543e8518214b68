package dev.ticketsmith.bench;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slash-command acknowledgement times with 50 users at once, in rounds, with and without a
 * promotion whose registry look-up stalls (a registry that answers nothing for 20 seconds, 5 s per
 * request) on the same service. Each command ({@code history checkout 3}) is verified, parsed,
 * answered from the audit trail and recorded in it. Prints p50, p99 and the slowest of each set.
 * Run: {@code ./mvnw verify -Pbenchmark}; it asserts only that every request succeeded.
 */
@QuarkusTest
@TestProfile(AckDuringRegistryStallBenchmark.SlowRegistry.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AckDuringRegistryStallBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    private static final int USERS = 50;

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
    void ackTimesWithAndWithoutAStalledRegistry() throws Exception {
        CheckoutCluster.seed(kube, "shop-staging", 4);
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", LocalEndpoints.PORT), 0);
        registry.setExecutor(Executors.newCachedThreadPool());
        CountDownLatch[] reached = {new CountDownLatch(1)};
        registry.createContext("/", exchange -> {
            reached[0].countDown();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        registry.start();
        try {
            for (int i = 0; i < 3; i++) {
                round(); // warm-up
            }
            List<Long> quiet = new ArrayList<>();
            List<Long> stalled = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                quiet.addAll(round());
                reached[0] = new CountDownLatch(1);
                ExecutorService ticker = stallAPromotion(reached[0]);
                stalled.addAll(round());
                ticker.shutdownNow();
            }
            String table = String.format(Locale.ROOT, "ACK DURING REGISTRY STALL (%d rounds of %d users):%n%s%n%s", ROUNDS, USERS,
                    line("no stall", quiet), line("registry stalls", stalled));
            System.out.println(table);
        } finally {
            registry.stop(0);
        }
    }

    /** Starts a promotion and ticks it until its registry look-up hangs; the ticking goes on in the background. */
    private ExecutorService stallAPromotion(CountDownLatch reached) throws Exception {
        Operations.endAllActive(dataSource);
        var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(),
                "127.0.0.1:" + LocalEndpoints.PORT + "/stall/checkout:1.4.2", "U0DEV1", "dev");
        Operation op = assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
        ExecutorService ticker = Executors.newSingleThreadExecutor();
        ticker.submit(() -> {
            while (reached.getCount() > 0) {
                Operations.makeDue(dataSource, op.id);
                reconciler.tick();
            }
            return null;
        });
        assertTrue(reached.await(30, TimeUnit.SECONDS));
        return ticker;
    }

    private static List<Long> round() throws Exception {
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService users = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
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

    private static String line(String label, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "  %-16s n=%d p50=%d ms p99=%d ms max=%d ms", label, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }
}
