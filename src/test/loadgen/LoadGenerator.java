import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ack-latency benchmark's load generator, run as its own JVM (java LoadGenerator.java …) so
 * that its threads, allocation and garbage collection stay out of the service's process. Sends
 * signed slash commands (the body template's __TRIGGER__ replaced by a fresh id each time, so no
 * two are the same delivery) from closed-loop clients: a warm-up on both endpoints, then for each
 * client count, alternating rounds on TICKETSMITH and the bare Bolt App. One line per round:
 * {@code RESULT <ticketsmith|bare> <clients> <requests> <seconds> <p50 µs> <p95 µs> <p99 µs> <max µs>}.
 *
 * Arguments: TICKETSMITH url, bare Bolt url, signing secret, body template file, warm-up requests,
 * rounds, requests per round, client counts…
 */
public class LoadGenerator {

    public static void main(String[] args) throws Exception {
        URI ours = URI.create(args[0]);
        URI bare = URI.create(args[1]);
        byte[] secret = args[2].getBytes(StandardCharsets.UTF_8);
        String template = Files.readString(Path.of(args[3]));
        int warmUp = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        int requests = Integer.parseInt(args[6]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(64)).connectTimeout(Duration.ofSeconds(5)).build();
        run(http, ours, secret, template, 50, warmUp);
        run(http, bare, secret, template, 50, warmUp);
        for (int i = 7; i < args.length; i++) {
            int clients = Integer.parseInt(args[i]);
            for (int round = 0; round < rounds; round++) { // alternate, so that both meet the same machine
                System.out.println("RESULT ticketsmith " + clients + " " + run(http, ours, secret, template, clients, requests));
                System.out.println("RESULT bare " + clients + " " + run(http, bare, secret, template, clients, requests));
            }
        }
        System.exit(0);
    }

    /** {@code <requests> <seconds> <p50 µs> <p95 µs> <p99 µs> <max µs>} */
    private static String run(HttpClient http, URI url, byte[] secret, String template, int clients, int total) throws Exception {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>(total));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int perClient = total / clients;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    micros.add(send(http, url, secret, template));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(java.util.Locale.ROOT, "%d %.3f %d %d %d %d", sorted.size(), seconds, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long send(HttpClient http, URI url, byte[] secret, String template) throws Exception {
        String body = template.replace("__TRIGGER__", UUID.randomUUID().toString());
        long ts = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", signature)
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
