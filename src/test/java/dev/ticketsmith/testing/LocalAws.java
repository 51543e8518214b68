package dev.ticketsmith.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ticketsmith.aws.AwsClients;
import dev.ticketsmith.aws.AwsSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * One local WireMock endpoint that stands in for every AWS service in plain JUnit tests (S3
 * path-style, KMS, RDS share the endpoint override, so stubs tell them apart by method, path and
 * {@code X-Amz-Target}), and {@link AwsClients} pointed at it in {@code us-east-1} with fake keys
 * set as the system properties the SDK's default credentials chain reads first.
 */
public final class LocalAws implements AutoCloseable {

    private final WireMockServer server;

    private LocalAws(WireMockServer server) {
        this.server = server;
    }

    /** Starts the endpoint and sets the fake credentials. */
    public static LocalAws start() {
        // quiet: only WireMock's errors reach the console
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        server.start();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        return new LocalAws(server);
    }

    public WireMockServer server() {
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** New clients (each builds its SDK clients lazily) pointed at this endpoint. */
    public AwsClients clients() {
        String endpoint = endpoint();
        return new AwsClients(new AwsSettings() {
            @Override
            public Optional<String> region() {
                return Optional.of("us-east-1");
            }

            @Override
            public boolean albReadback() {
                return false;
            }

            @Override
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public Duration albApplyTimeout() {
                return Duration.ofSeconds(5);
            }
        });
    }

    @Override
    public void close() {
        server.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
