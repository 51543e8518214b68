package dev.ticketsmith.slack.socket;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The Socket Mode connection, reported at {@code /q/health/group/slack} only: it is neither
 * liveness nor readiness on purpose. A Slack outage drops every replica's connection at once, and
 * taking them all out of rotation (or restarting them) would not bring Slack back; the SDK's
 * monitor reconnects by itself. DOWN here means: no pong on the current connection within 3 s.
 */
@HealthGroup("slack")
@ApplicationScoped
public class SocketModeHealth implements HealthCheck {

    private final SocketModeConnection connection;

    SocketModeHealth(SocketModeConnection connection) {
        this.connection = connection;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Slack Socket Mode");
        if (!connection.enabled()) {
            return response.up().withData("mode", "http").build();
        }
        response.status(connection.connected()).withData("mode", "socket")
                .withData("connectionsOpened", connection.connectionsOpened());
        connection.lastOpenedAt().ifPresent(at -> response.withData("lastOpenedAt", at.toString()));
        connection.lastClose().ifPresent(close -> response.withData("lastClose", close));
        return response.build();
    }
}
