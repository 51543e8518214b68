package dev.ticketsmith.slack.socket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * One Socket Mode envelope through the very {@link App} that serves {@code /slack/events}: the same
 * handlers, the same delivery keys (a redelivery with {@code retry_attempt} repeats the payload's
 * {@code trigger_id}, so it is dropped as a repeat), the same audit trail. Returns the acknowledgement
 * to send back: the Bolt ack's body as {@code payload} when Slack accepts one, else the bare
 * {@code envelope_id}.
 *
 * <p>Every envelope is acknowledged, even one Bolt has no handler for or one that failed: an
 * unacknowledged envelope only comes back, and would fail the same way. There is no signature to
 * check here; the trust comes from the app-level token that opened the connection over TLS.
 */
@ApplicationScoped
public class EnvelopeDispatcher {

    private static final Logger LOG = Logger.getLogger(EnvelopeDispatcher.class);
    static final String FAILURE_TEXT = "Something went wrong on our side. Nothing was changed; the error is in TICKETSMITH's log.";

    private final App app;
    private final SocketModeRequestParser parser;

    EnvelopeDispatcher(App app) {
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
    }

    /**
     * Handles one message from the connection; empty when it is not an envelope (a {@code hello},
     * or anything without an {@code envelope_id}), which needs no acknowledgement.
     */
    @ActivateRequestContext
    public Optional<String> handle(String message) {
        JsonObject envelope = parseObject(message);
        Optional<String> envelopeId = envelope == null ? Optional.empty() : scalar(envelope, "envelope_id");
        if (envelopeId.isEmpty()) {
            return Optional.empty();
        }
        String id = envelopeId.get();
        String type = scalar(envelope, "type").orElse("untyped");
        boolean acceptsPayload = scalar(envelope, "accepts_response_payload").filter("true"::equals).isPresent();
        scalar(envelope, "retry_attempt").filter(attempt -> !attempt.equals("0")).ifPresent(attempt ->
                LOG.infof("Slack redelivered an envelope of type %s (attempt %s, %s)", type, attempt,
                        scalar(envelope, "retry_reason").orElse("no reason given")));
        SocketModeRequest request = parser.parse(message);
        Request<?> bolt = request == null ? null : request.getBoltRequest();
        if (bolt == null) {
            LOG.warnf("An envelope of type %s carried nothing TICKETSMITH handles; acknowledged", type);
            return Optional.of(ack(id, null));
        }
        try {
            Response response = app.run(bolt);
            int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
            if (status != 200) {
                LOG.warnf("Bolt answered %d to an envelope of type %s (%s); acknowledged without a reply", status, type, bolt.getRequestType());
                return Optional.of(ack(id, null));
            }
            return Optional.of(ack(id, acceptsPayload ? payload(response) : null));
        } catch (Exception e) {
            LOG.errorf("Handling an envelope of type %s (%s) failed: %s", type, bolt.getRequestType(), e.toString());
            return Optional.of(ack(id, acceptsPayload ? failurePayload() : null));
        }
    }

    /** {@code {"envelope_id":…}} plus {@code "payload"} when there is one. */
    static String ack(String envelopeId, JsonElement payload) {
        JsonObject ack = new JsonObject();
        ack.addProperty("envelope_id", envelopeId);
        if (payload != null) {
            ack.add("payload", payload);
        }
        return ack.toString();
    }

    private static JsonElement payload(Response response) {
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
            return JsonParser.parseString(body);
        }
        JsonObject text = new JsonObject();
        text.addProperty("text", body);
        return text;
    }

    private static JsonElement failurePayload() {
        JsonObject reply = new JsonObject();
        reply.addProperty("response_type", "ephemeral");
        reply.addProperty("text", FAILURE_TEXT);
        return reply;
    }

    private static JsonObject parseObject(String message) {
        try {
            JsonElement json = JsonParser.parseString(message);
            return json.isJsonObject() ? json.getAsJsonObject() : null;
        } catch (JsonSyntaxException e) {
            LOG.warn("A Socket Mode message was not JSON; ignored");
            return null;
        }
    }

    /** A top-level scalar as text; empty when absent or not a scalar. */
    private static Optional<String> scalar(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || !value.isJsonPrimitive() ? Optional.empty() : Optional.of(value.getAsString());
    }
}
