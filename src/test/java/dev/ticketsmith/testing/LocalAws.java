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
 * path-style, KMS, RDS share the endpoint override, so stubs tell them apart by method, path,
 * {@code X-Amz-Target} for JSON protocols and the {@code Action} form field for the query protocol), and {@link AwsClients} pointed at it in {@code us-east-1} with fake keys
 * set as the system properties the SDK's default credentials chain reads first (restored on {@link #close}).
 */
public final class LocalAws implements AutoCloseable {

    private static final String ACCESS_KEY = "aws.accessKeyId";
    private static final String SECRET_KEY = "aws.secretAccessKey";

    private final WireMockServer server;
    private final String previousAccessKey;
    private final String previousSecretKey;

    private LocalAws(WireMockServer server, String previousAccessKey, String previousSecretKey) {
        this.server = server;
        this.previousAccessKey = previousAccessKey;
        this.previousSecretKey = previousSecretKey;
    }

    /** Starts the endpoint and sets the fake credentials. */
    public static LocalAws start() {
        // quiet: only WireMock's errors reach the console
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)));
        server.start();
        LocalAws aws = new LocalAws(server, System.getProperty(ACCESS_KEY), System.getProperty(SECRET_KEY));
        System.setProperty(ACCESS_KEY, "AKIDEXAMPLE");
        System.setProperty(SECRET_KEY, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        return aws;
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

    /**
     * Stops the endpoint and puts the credentials properties back as they were: a Quarkus
     * application that another test class started (with {@code FakeElbv2}) may still be running in
     * this JVM and read them on its next call.
     */
    @Override
    public void close() {
        server.stop();
        restore(ACCESS_KEY, previousAccessKey);
        restore(SECRET_KEY, previousSecretKey);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
