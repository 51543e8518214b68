package dev.ticketsmith.bench;

import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.SlackRequests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ack latency of signed slash commands at 1, 10 and 50 concurrent clients: TICKETSMITH's full path
 * (verification, Bolt, parsing, catalogue, policy, audit write) against a bare Bolt App with a
 * trivial handler on the same server. The load comes from a separate JVM (src/test/loadgen), so that
 * the client's threads and garbage collection stay out of the service's process; each endpoint and
 * client count runs in alternating rounds and the table shows the median round. Prints a table and
 * writes it to target/benchmark/.
 * Run: {@code ./mvnw verify -Pbenchmark}. Not a timed test: it asserts only that requests succeeded.
 */
@QuarkusTest
@Tag("benchmark")
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AckLatencyBenchmark {

    private static final int[] CLIENTS = {1, 10, 50};
    private static final int REQUESTS_PER_RUN = 2000;
    /** Requests per endpoint before measuring, at 50 clients, so that the JIT has compiled both paths. */
    private static final int WARM_UP = 4000;
    /** Rounds per endpoint and client count; the table shows the median round (-Dbench.rounds=N). */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String COMMAND = "scale checkout min=2 max=4 for 1h in staging benchmark run";

    @TestHTTPResource("/slack/events")
    URL ticketsmith;

    @TestHTTPResource("/bench/bare-bolt")
    URL bareBolt;

    record Figures(String target, int clients, int requests, double seconds, long p50, long p95, long p99, long max) {

        /** Each figure the median over the rounds (throughput from the median duration). */
        static Figures median(List<Figures> rounds) {
            Figures first = rounds.get(0);
            return new Figures(first.target(), first.clients(), first.requests(),
                    medianOf(rounds.stream().mapToDouble(Figures::seconds).toArray()),
                    (long) medianOf(rounds.stream().mapToDouble(Figures::p50).toArray()),
                    (long) medianOf(rounds.stream().mapToDouble(Figures::p95).toArray()),
                    (long) medianOf(rounds.stream().mapToDouble(Figures::p99).toArray()),
                    (long) medianOf(rounds.stream().mapToDouble(Figures::max).toArray()));
        }

        private static double medianOf(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }

        String row() {
            return String.format(Locale.ROOT, "| %-11s | %3d | %5d | %7.0f | %6.1f | %6.1f | %6.1f | %6.1f |", target, clients,
                    requests, requests / seconds, p50 / 1e3, p95 / 1e3, p99 / 1e3, max / 1e3);
        }
    }

    @Test
    void ackLatency() throws Exception {
        Map<String, List<Figures>> results = generate();
        List<String> rows = new ArrayList<>();
        rows.add("| endpoint    | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        rows.add("|---|---|---|---|---|---|---|---|");
        List<String> rounds = new ArrayList<>();
        for (int clients : CLIENTS) {
            List<Figures> oursRounds = results.get("ticketsmith " + clients);
            List<Figures> bareRounds = results.get("bare " + clients);
            Figures ours = Figures.median(oursRounds);
            Figures bare = Figures.median(bareRounds);
            rounds.add(String.format(Locale.ROOT, "%3d clients, p99 ms per round: ticketsmith %s, bare Bolt %s", clients,
                    p99s(oursRounds), p99s(bareRounds)));
            rows.add(ours.row());
            rows.add(bare.row());
            rows.add(String.format(Locale.ROOT, "| ratio       | %3d |       |         | %6.2f | %6.2f | %6.2f |        |", clients,
                    (double) ours.p50() / bare.p50(), (double) ours.p95() / bare.p95(), (double) ours.p99() / bare.p99()));
        }
        rows.add("");
        rows.add("Median of " + ROUNDS + " alternating rounds of " + REQUESTS_PER_RUN + " requests per endpoint:");
        rows.addAll(rounds);
        String table = String.join("\n", rows);
        System.out.println("\nAck latency, " + Runtime.getRuntime().availableProcessors() + " cores, command `" + COMMAND + "`\n" + table + "\n");
        Path out = Path.of("target", "benchmark", "ack-latency.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table + "\n");
    }

    /** Runs the load generator in its own JVM and collects its rounds by endpoint and client count. */
    private Map<String, List<Figures>> generate() throws Exception {
        Path body = Path.of("target", "benchmark", "slash-command.txt");
        Files.createDirectories(body.getParent());
        Files.writeString(body, SlackRequests.slashCommand("U0DEV1", "C0BENCH", COMMAND, FakeSlackResource.api().responseUrl("bench"))
                .replaceFirst("trigger_id=[^&]+", "trigger_id=__TRIGGER__"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "src/test/loadgen/LoadGenerator.java", ticketsmith.toString(), bareBolt.toString(), SlackRequests.SECRET, body.toString(),
                Integer.toString(WARM_UP), Integer.toString(ROUNDS), Integer.toString(REQUESTS_PER_RUN)));
        for (int clients : CLIENTS) {
            command.add(Integer.toString(clients));
        }
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (generator.waitFor() != 0) {
            throw new IllegalStateException("the load generator failed: " + output);
        }
        Map<String, List<Figures>> results = new java.util.HashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith("RESULT ")).toList()) {
            String[] f = line.split("\\s+");
            int clients = Integer.parseInt(f[2]);
            results.computeIfAbsent(f[1] + " " + clients, k -> new ArrayList<>()).add(new Figures(
                    f[1].equals("bare") ? "bare Bolt" : "ticketsmith", clients, Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])));
        }
        return results;
    }

    private static String p99s(List<Figures> rounds) {
        return rounds.stream().map(f -> String.format(Locale.ROOT, "%.1f", f.p99() / 1e3)).collect(java.util.stream.Collectors.joining(" / "));
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
