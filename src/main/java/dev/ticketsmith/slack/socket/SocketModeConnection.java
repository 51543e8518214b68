package dev.ticketsmith.slack.socket;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.slack.api.Slack;
import dev.ticketsmith.config.SlackSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Socket Mode, when {@code SLACK_APP_TOKEN} is set: at start-up, one connection from this replica
 * to Slack ({@code apps.connections.open}, then the WebSocket it names); every envelope goes to
 * {@link EnvelopeDispatcher} on a small pool and is acknowledged on the connection when its handler
 * returns. Slack spreads envelopes over all of an app's connections (up to 10), so each replica
 * opens its own; a redelivery that lands on another replica is dropped by the delivery keys in
 * PostgreSQL. Connects and closes are logged at INFO; the token and the connection URL never are.
 */
@ApplicationScoped
public class SocketModeConnection {

    private static final Logger LOG = Logger.getLogger(SocketModeConnection.class);
    private static final long DRAIN_SECONDS = 5;
    /** Never dialled: without a first URL the session monitor asks for one, as for any dead connection. */
    private static final String NOT_YET_ISSUED = "wss://wss-primary.slack.com/link/";

    private final SlackSettings settings;
    private final Slack slack;
    private final EnvelopeDispatcher dispatcher;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicReference<Instant> lastOpenedAt = new AtomicReference<>();
    private final AtomicReference<String> lastClose = new AtomicReference<>();
    private volatile SocketModeLink link;
    private volatile ExecutorService handlers;
    private volatile boolean stopping;

    SocketModeConnection(SlackSettings settings, Slack slack, EnvelopeDispatcher dispatcher) {
        this.settings = settings;
        this.slack = slack;
        this.dispatcher = dispatcher;
    }

    void start(@Observes StartupEvent event) throws IOException {
        Optional<String> token = settings.appToken();
        if (token.isEmpty()) {
            return;
        }
        if (!token.get().startsWith("xapp-")) {
            throw new IllegalStateException("SLACK_APP_TOKEN must be an app-level token (it starts with xapp-, "
                    + "scope connections:write), not a bot or user token. Unset it to serve /slack/events over HTTP.");
        }
        open(token.get());
    }

    /**
     * A token Slack refuses ({@code {"ok":false}}: invalid, revoked, not an app token, Socket Mode
     * off) stops the start: it is a setting to fix. Slack out of reach does not: the HTTP API still
     * serves, and the session monitor opens the first connection once Slack answers.
     */
    private void open(String token) throws IOException {
        Optional<String> url;
        try {
            url = Optional.of(slack.issueSocketModeUrl(token));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Slack refused SLACK_APP_TOKEN for Socket Mode (" + e.getMessage()
                    + "): check the token and that Socket Mode is on in the app's settings", e);
        } catch (IOException e) {
            LOG.warnf("Slack could not be reached for a Socket Mode connection (%s); retrying in the background", e.getMessage());
            url = Optional.empty();
        }
        handlers = Executors.newFixedThreadPool(settings.socketMode().concurrency(), r -> {
            Thread t = new Thread(r, "slack-socket-mode");
            t.setDaemon(true);
            return t;
        });
        try {
            link = new SocketModeLink(slack, token, url.orElse(NOT_YET_ISSUED), settings.socketMode().sessionCheckEvery());
        } catch (URISyntaxException e) {
            throw new IOException("apps.connections.open answered a URL that is not one", e);
        }
        link.addWebSocketMessageListener(this::received);
        link.addWebSocketCloseListener(this::closed);
        LOG.info("Socket Mode is on: connecting to Slack; /slack/events refuses requests");
        if (url.isPresent()) {
            link.connect();
        }
    }

    /** On the SDK's message thread: hello is logged, everything else is handed to the pool at once. */
    private void received(String message) {
        if (isHello(message)) {
            opened.incrementAndGet();
            lastOpenedAt.set(Instant.now());
            LOG.infof("Socket Mode connected to Slack (connection %d of this replica)", opened.get());
            return;
        }
        try {
            handlers.execute(() -> dispatcher.handle(message).ifPresent(this::acknowledge));
        } catch (RejectedExecutionException e) {
            LOG.info("Shutting down: an envelope is left unacknowledged for Slack to deliver to another connection");
        }
    }

    private void closed(Integer code, String reason) {
        String detail = code + (reason == null || reason.isBlank() ? "" : ", " + reason);
        lastClose.set(detail);
        if (!stopping) {
            LOG.infof("A Socket Mode connection closed (code %s); if it was the current one, a new one replaces it within %d ms",
                    detail, settings.socketMode().sessionCheckEvery().toMillis());
        }
    }

    private void acknowledge(String ack) {
        try {
            link.sendSocketModeResponse(ack);
        } catch (RuntimeException e) {
            LOG.warnf("An acknowledgement could not be sent (%s): Slack delivers the envelope again and the repeat is dropped, "
                    + "so a reply that travelled in the acknowledgement is lost", e.toString());
        }
    }

    private static boolean isHello(String message) {
        if (!message.contains("\"hello\"")) {
            return false;
        }
        try {
            JsonElement json = JsonParser.parseString(message);
            return json.isJsonObject() && json.getAsJsonObject().has("type")
                    && "hello".equals(json.getAsJsonObject().get("type").getAsString());
        } catch (JsonSyntaxException | UnsupportedOperationException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Stops reconnecting, lets envelopes in hand finish and acknowledge on the still-open
     * connection, then closes it. Envelopes arriving meanwhile stay unacknowledged, so Slack
     * delivers them to another replica.
     */
    void stop(@Observes ShutdownEvent event) throws IOException, InterruptedException {
        SocketModeLink current = link;
        if (current == null) {
            return;
        }
        stopping = true;
        current.setAutoReconnectEnabled(false);
        current.getSessionMonitorExecutor().ifPresent(ExecutorService::shutdownNow);
        handlers.shutdown();
        if (!handlers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
            LOG.warnf("Socket Mode handlers still busy after %d s; closing anyway", DRAIN_SECONDS);
        }
        current.close();
        link = null;
        LOG.info("Socket Mode connection closed for shutdown");
    }

    /** True while Socket Mode is configured (it is decided at start-up). */
    public boolean enabled() {
        return link != null;
    }

    /** A ping answered within 3 seconds on the current connection (blocks up to that long). */
    public boolean connected() {
        SocketModeLink current = link;
        return current != null && current.verifyConnection();
    }

    /** Connections this replica has opened (each counted at Slack's {@code hello}). */
    public int connectionsOpened() {
        return opened.get();
    }

    public Optional<Instant> lastOpenedAt() {
        return Optional.ofNullable(lastOpenedAt.get());
    }

    /** Close code and reason of the last connection that closed. */
    public Optional<String> lastClose() {
        return Optional.ofNullable(lastClose.get());
    }
}
