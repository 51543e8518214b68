package dev.ticketsmith.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check against a reachable, a refused and a silent PostgreSQL. */
class DatabaseReadinessTest {

    private static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        return ds;
    }

    @Test
    void upWhenPostgresqlAnswers() {
        HealthCheckResponse response = new DatabaseReadiness(dataSource(5432), Duration.ofSeconds(2)).call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("database", response.getName());
    }

    @Test
    void downWhenTheConnectionIsRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        HealthCheckResponse response = new DatabaseReadiness(dataSource(port), Duration.ofSeconds(2)).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertTrue(response.getData().orElseThrow().get("error").toString().contains("Connection"),
                () -> response.getData().toString());
    }

    @Test
    void downWithinTheTimeoutWhenPostgresqlNeverAnswers() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts, then says nothing
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DatabaseReadiness check = new DatabaseReadiness(dataSource(silent.getLocalPort()), Duration.ofMillis(500));
            long started = System.nanoTime();
            HealthCheckResponse first = check.call();
            HealthCheckResponse second = check.call();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(HealthCheckResponse.Status.DOWN, first.getStatus());
            assertEquals(HealthCheckResponse.Status.DOWN, second.getStatus());
            assertTrue(first.getData().orElseThrow().get("error").toString().contains("within 500 ms"));
            assertTrue(tookMs < 2500, "two checks took " + tookMs + " ms");
            assertEquals(1, accepted.size(), "the second probe waited on the first query instead of opening another connection");
        }
    }
}
