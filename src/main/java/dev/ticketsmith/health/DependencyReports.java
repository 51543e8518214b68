package dev.ticketsmith.health;

import dev.ticketsmith.config.ObservabilitySettings;
import dev.ticketsmith.kube.ApiServer;
import dev.ticketsmith.slack.SlackWebApi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Slack and Kubernetes reachability in the readiness payload, reported and never gating: this
 * check is always UP. An outage of Slack or of the API server is the same for every replica, so
 * failing readiness on it would take them all out of rotation at once, and a replica without
 * Slack can still record requests and run the engine (which retries its calls). Each system is
 * checked in the background at most once per {@code ticketsmith.observability.dependency-check-every}.
 */
@Readiness
@ApplicationScoped
public class DependencyReports implements HealthCheck {

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "reachability-check");
        t.setDaemon(true);
        return t;
    });
    private final List<CachedReachability> systems;

    DependencyReports(SlackWebApi slack, ApiServer kubernetes, ObservabilitySettings settings, Clock clock) {
        this.systems = List.of(
                new CachedReachability("slack", () -> Reachability.ok(slack.authTestOnce(), clock.instant()),
                        settings.dependencyCheckEvery(), executor, clock),
                new CachedReachability("kubernetes", () -> Reachability.ok(kubernetes.version() + " at " + kubernetes.url(),
                        clock.instant()), settings.dependencyCheckEvery(), executor, clock));
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dependencies (reported, never gating)").up();
        for (CachedReachability system : systems) {
            Reachability r = system.current();
            if (r == null) {
                response.withData(system.name(), "not checked yet");
            } else {
                response.withData(system.name(), (r.reachable() ? "reachable" : "UNREACHABLE") + " (checked "
                        + system.ageSeconds(r) + "s ago): " + r.detail());
            }
        }
        return response.build();
    }

    /** The systems reported, for tests and a forced refresh. */
    public List<CachedReachability> systems() {
        return systems;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
