package dev.ticketsmith.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged instance of TICKETSMITH ({@code target/quarkus-app/quarkus-run.jar}) in a process of its own, in the prod profile. */
final class Replica implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Process process;

    private Replica(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static Replica start(String name, int port, Map<String, String> config) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package` (./mvnw verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        File log = Path.of("target", "it-" + name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        return new Replica(name, port, process);
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    Replica awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-" + name + ".log");
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + within + "; see target/it-" + name + ".log");
    }

    /** Posts a form body signed as Slack signs it; returns the answer's body. */
    String post(String body, String secret) throws IOException, InterruptedException {
        long ts = System.currentTimeMillis() / 1000;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", dev.ticketsmith.testing.SlackRequests.sign(secret, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** kill -9: no shutdown hook runs, transactions in flight are lost. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
