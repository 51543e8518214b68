package dev.ticketsmith.health;

import dev.ticketsmith.config.ObservabilitySettings;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readiness is PostgreSQL: a replica that cannot reach its database can neither record a request
 * nor run the engine, so it leaves the load balancer's rotation. The check runs {@code SELECT 1}
 * and gives up after {@code ticketsmith.observability.database-timeout}; a query still hanging
 * from an earlier probe is waited on again rather than joined by another.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "readiness-database");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

    @Inject
    DatabaseReadiness(AgroalDataSource dataSource, ObservabilitySettings settings) {
        this((DataSource) dataSource, settings.databaseTimeout());
    }

    DatabaseReadiness(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        long started = System.nanoTime();
        var response = HealthCheckResponse.named("database");
        try {
            query().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.up().withData("tookMs", (System.nanoTime() - started) / 1_000_000).build();
        } catch (TimeoutException e) {
            return response.down().withData("error", "no answer to SELECT 1 within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return response.down().withData("error", String.valueOf(e.getCause().getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    private CompletableFuture<Void> query() {
        CompletableFuture<Void> running = inFlight.get();
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Void> next = CompletableFuture.runAsync(this::selectOne, executor);
        inFlight.set(next);
        return next;
    }

    private void selectOne() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
