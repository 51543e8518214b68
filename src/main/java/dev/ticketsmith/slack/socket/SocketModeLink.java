package dev.ticketsmith.slack.socket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The SDK's Java-WebSocket Socket Mode client with two repairs and a voice.
 * <ul>
 *   <li>Its session monitor pings every {@code sessionCheckEvery} and opens a new connection
 *   ({@code apps.connections.open} again) when the current one is dead. The SDK's monitor task
 *   catches only {@link IOException}, and {@code Slack.issueSocketModeUrl} throws
 *   {@link IllegalStateException} on {@code {"ok":false}}: one such answer would end the monitor for
 *   good, and with it every reconnect. Here it is logged and retried.</li>
 *   <li>A {@code disconnect} message (Slack's {@code refresh_requested}, {@code warning},
 *   {@code link_disabled}) makes the SDK open a new connection at once; it is logged first, which
 *   the SDK does not do.</li>
 * </ul>
 * Messages are queued by the WebSocket thread and taken by one SDK thread (its "concurrency" is
 * several polling tasks on one thread), so listeners must hand work off at once.
 */
final class SocketModeLink extends SocketModeClientJavaWSImpl {

    private static final Logger LOG = Logger.getLogger(SocketModeLink.class);
    private static final long RETRY_AFTER_FAILURE_MILLIS = 10_000L;

    SocketModeLink(Slack slack, String appToken, String firstUrl, Duration sessionCheckEvery) throws URISyntaxException {
        super(slack, appToken, firstUrl, 1, new ConcurrentLinkedMessageQueue(), true, true,
                Math.max(200L, sessionCheckEvery.toMillis()));
    }

    @Override
    public void processMessage(String message) throws IOException {
        if (message.startsWith("{") && message.contains("\"disconnect\"")) {
            logDisconnect(message);
        }
        super.processMessage(message);
    }

    @Override
    public long maintainCurrentSession() {
        try {
            return super.maintainCurrentSession();
        } catch (RuntimeException e) {
            LOG.warnf("Slack refused a new Socket Mode connection (%s); trying again in %d s",
                    e.getMessage(), RETRY_AFTER_FAILURE_MILLIS / 1000);
            return System.currentTimeMillis() + RETRY_AFTER_FAILURE_MILLIS;
        }
    }

    private static void logDisconnect(String message) {
        JsonElement json;
        try {
            json = JsonParser.parseString(message);
        } catch (JsonParseException e) {
            return;
        }
        if (!json.isJsonObject() || !"disconnect".equals(scalar(json.getAsJsonObject(), "type"))) {
            return;
        }
        String reason = scalar(json.getAsJsonObject(), "reason");
        if ("link_disabled".equals(reason)) {
            LOG.warn("Slack turned Socket Mode off for this app (link_disabled): turn it on again in the app's settings, "
                    + "or unset SLACK_APP_TOKEN and serve /slack/events over HTTP. Retrying meanwhile.");
        } else {
            LOG.infof("Slack asked for a new Socket Mode connection (%s); opening one", reason);
        }
    }

    private static String scalar(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }
}
