package dev.ticketsmith.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.ticketsmith.config.SlackSettings;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /slack/events}: the one door Slack knocks on, for slash commands and interactivity.
 * It bounds the body, checks the content type, verifies the v0 signature itself (constant time,
 * timestamps refused five minutes either side of now) and only then hands the raw request to Bolt.
 * Refusals are counted and logged without the body; nothing here answers 500. Each request gets an
 * id, in the log's MDC ({@value #MDC_REQUEST_ID}) while it is handled and in the ack's
 * {@value #REQUEST_ID_HEADER} header, and its time to ack goes to {@link SlackMetrics}.
 *
 * <p>With Socket Mode on ({@code SLACK_APP_TOKEN} set) every request is refused with 404: Slack then
 * delivers over the WebSocket only and never posts here, so anything that arrives is not Slack, and a
 * second door signed with a secret nobody rotates any more is attack surface with no use.
 */
@Path("/slack/events")
public class SlackEndpoint {

    private static final Logger LOG = Logger.getLogger(SlackEndpoint.class);
    private static final String GENERIC_REFUSAL = "{\"error\":\"invalid_request\"}";
    /** The MDC key of the id of the Slack request being handled. */
    public static final String MDC_REQUEST_ID = dev.ticketsmith.logging.LogContext.SLACK_REQUEST_ID;
    static final String REQUEST_ID_HEADER = "X-Ticketsmith-Request-Id";

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignatureVerifier verifier;
    private final SlackSettings settings;
    private final SlackMetrics metrics;

    SlackEndpoint(App app, SlackSignatureVerifier verifier, SlackSettings settings, SlackMetrics metrics) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.verifier = verifier;
        this.settings = settings;
        this.metrics = metrics;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body, @Context HttpHeaders headers) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        MDC.put(MDC_REQUEST_ID, requestId);
        String[] requestType = {"refused"};
        Response response = null;
        try {
            response = handle(body, headers, requestType);
            return Response.fromResponse(response).header(REQUEST_ID_HEADER, requestId).build();
        } finally {
            metrics.acked(requestType[0], response == null ? 500 : response.getStatus(), System.nanoTime() - started);
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(InteractionHandler.MDC_DELIVERY_KEY);
        }
    }

    private Response handle(byte[] body, HttpHeaders headers, String[] requestType) {
        if (settings.appToken().isPresent()) {
            return refuse(404, "socket_mode", "Socket Mode is on (SLACK_APP_TOKEN): Slack's requests come over the WebSocket");
        }
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > settings.maxBodyBytes()) {
            return refuse(413, "body_too_large", "request body of " + body.length + " bytes is over the limit");
        }
        MediaType type = headers.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            return refuse(415, "unsupported_content_type", "content type " + type + " is not Slack's");
        }
        var outcome = verifier.verify(headers.getHeaderString("X-Slack-Request-Timestamp"),
                headers.getHeaderString("X-Slack-Signature"), body);
        if (outcome != SlackSignatureVerifier.Outcome.VALID) {
            return refuse(401, outcome.name().toLowerCase(), "signature check failed");
        }
        return toJaxRs(runBolt(body, headers, requestType));
    }

    private com.slack.api.bolt.response.Response runBolt(byte[] body, HttpHeaders headers, String[] type) {
        Map<String, List<String>> copy = new HashMap<>(headers.getRequestHeaders());
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .headers(new RequestHeaders(copy))
                .queryString(Map.of())
                .build());
        if (request == null) {
            metrics.refused("unrecognised_payload");
            return com.slack.api.bolt.response.Response.builder().statusCode(400)
                    .contentType("application/json").body("{\"error\":\"unrecognised_payload\"}").build();
        }
        type[0] = request.getRequestType().name().replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT); // ViewSubmission: view_submission
        try {
            return app.run(request);
        } catch (Exception e) {
            LOG.errorf("Handling a %s request failed: %s", request.getRequestType(), e.toString());
            return com.slack.api.bolt.response.Response.builder().statusCode(200).contentType("application/json")
                    .body("{\"response_type\":\"ephemeral\",\"text\":\"Something went wrong on our side. "
                            + "Nothing was changed; the error is in TICKETSMITH's log.\"}").build();
        }
    }

    private Response refuse(int status, String reason, String logDetail) {
        metrics.refused(reason);
        LOG.warnf("Refused a request on /slack/events (%d, %s): %s", status, reason, logDetail);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(GENERIC_REFUSAL).build();
    }

    private static Response toJaxRs(com.slack.api.bolt.response.Response bolt) {
        Response.ResponseBuilder out = Response.status(bolt.getStatusCode() == null ? 200 : bolt.getStatusCode());
        if (bolt.getHeaders() != null) {
            bolt.getHeaders().forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        }
        if (bolt.getBody() != null) {
            out.entity(bolt.getBody()).type(bolt.getContentType() == null ? MediaType.TEXT_PLAIN : bolt.getContentType());
        }
        return out.build();
    }
}
