package dev.ticketsmith.bench;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's baseline (test classpath only): a bare Bolt {@link App} with Bolt's own request
 * verification and a trivial slash-command handler, behind the same HTTP stack as TICKETSMITH.
 */
@Path("/bench/bare-bolt")
public class BareBoltResource {

    private final App app;
    private final SlackRequestParser parser;

    BareBoltResource(Slack slack) {
        app = new App(AppConfig.builder().slack(slack).signingSecret("test-signing-secret")
                .singleTeamBotToken("xoxb-test-token").build());
        app.command("/ticketsmith", (req, ctx) -> ctx.ack("ok"));
        parser = new SlackRequestParser(app.config());
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response receive(String body, @Context HttpHeaders headers) throws Exception {
        Map<String, java.util.List<String>> copy = new HashMap<>(headers.getRequestHeaders());
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder().requestUri("/bench/bare-bolt")
                .requestBody(body).headers(new RequestHeaders(copy)).queryString(Map.of()).build());
        var out = app.run(request);
        return Response.status(out.getStatusCode()).entity(out.getBody()).type(out.getContentType()).build();
    }
}
