package dev.ticketsmith.bench;

import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.SlackRequests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ack latency of signed slash commands at 1, 10 and 50 concurrent clients: TICKETSMITH's full path
 * (verification, Bolt, parsing, catalogue, policy, audit write) against a bare Bolt App with a
 * trivial handler on the same server. Prints a table and writes it to target/benchmark/.
 * Run: {@code ./mvnw verify -Pbenchmark}. Not a timed test: it asserts only that requests succeeded.
 */
@QuarkusTest
@Tag("benchmark")
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AckLatencyBenchmark {

    private static final int[] CLIENTS = {1, 10, 50};
    private static final int REQUESTS_PER_RUN = 2000;
    private static final int WARM_UP = 300;
    private static final String COMMAND = "scale checkout min=2 max=4 for 1h in staging benchmark run";

    @TestHTTPResource("/slack/events")
    URL ticketsmith;

    @TestHTTPResource("/bench/bare-bolt")
    URL bareBolt;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(64)).connectTimeout(Duration.ofSeconds(5)).build();

    record Figures(String target, int clients, int requests, double seconds, long p50, long p95, long p99, long max) {
        String row() {
            return String.format(Locale.ROOT, "| %-11s | %3d | %5d | %7.0f | %6.1f | %6.1f | %6.1f | %6.1f |", target, clients,
                    requests, requests / seconds, p50 / 1e3, p95 / 1e3, p99 / 1e3, max / 1e3);
        }
    }

    @Test
    void ackLatency() throws Exception {
        run(ticketsmith, "warm-up", 10, WARM_UP);
        run(bareBolt, "warm-up", 10, WARM_UP);
        List<String> rows = new ArrayList<>();
        rows.add("| endpoint    | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        rows.add("|---|---|---|---|---|---|---|---|");
        List<Figures> all = new ArrayList<>();
        for (int clients : CLIENTS) {
            Figures ours = run(ticketsmith, "ticketsmith", clients, REQUESTS_PER_RUN);
            Figures bare = run(bareBolt, "bare Bolt", clients, REQUESTS_PER_RUN);
            all.add(ours);
            all.add(bare);
            rows.add(ours.row());
            rows.add(bare.row());
            rows.add(String.format(Locale.ROOT, "| ratio       | %3d |       |         | %6.2f | %6.2f | %6.2f |        |", clients,
                    (double) ours.p50() / bare.p50(), (double) ours.p95() / bare.p95(), (double) ours.p99() / bare.p99()));
        }
        String table = String.join("\n", rows);
        System.out.println("\nAck latency, " + Runtime.getRuntime().availableProcessors() + " cores, command `" + COMMAND + "`\n" + table + "\n");
        Path out = Path.of("target", "benchmark", "ack-latency.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n");
    }

    private Figures run(URL url, String name, int clients, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> micros = Collections.synchronizedList(new ArrayList<>(total));
        int perClient = total / clients;
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        micros.add(send(url));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Figures(name, clients, sorted.size(), seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private long send(URL url) throws Exception {
        String body = SlackRequests.slashCommand("U0DEV1", "C0BENCH", COMMAND, FakeSlackResource.api().responseUrl("bench"))
                .replaceFirst("trigger_id=[^&]+", "trigger_id=" + UUID.randomUUID());
        long ts = SlackRequests.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", SlackRequests.sign(SlackRequests.SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = (System.nanoTime() - t0) / 1000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
