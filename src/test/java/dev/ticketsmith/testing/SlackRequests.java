package dev.ticketsmith.testing;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds and signs requests exactly as Slack does, and posts them to {@code /slack/events}. */
public final class SlackRequests {

    public static final String SECRET = "test-signing-secret";

    private SlackRequests() {
    }

    /** The form body of a slash command from {@code user} in {@code channel}. */
    public static String slashCommand(String user, String channel, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0FAKE");
        form.put("team_domain", "fake");
        form.put("channel_id", channel);
        form.put("channel_name", "ops");
        form.put("user_id", user);
        form.put("user_name", "name-of-" + user.toLowerCase());
        form.put("command", "/ticketsmith");
        form.put("text", text);
        form.put("api_app_id", "A0FAKE");
        form.put("response_url", responseUrl);
        form.put("trigger_id", UUID.randomUUID().toString());
        return form(form);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Posts a correctly signed form body, stamped now. */
    public static ValidatableResponse postSigned(String body) {
        long ts = now();
        return RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", sign(SECRET, ts, body))
                .body(body)
                .post("/slack/events")
                .then();
    }

    /** The form body of a Block Kit button click ({@code block_actions}) on a message. */
    public static String buttonClick(String user, String channel, String actionId, String value, String messageTs, String responseUrl) {
        String json = "{\"type\":\"block_actions\",\"api_app_id\":\"A0FAKE\",\"token\":\"legacy\","
                + "\"trigger_id\":\"" + UUID.randomUUID() + "\",\"response_url\":\"" + responseUrl + "\","
                + "\"user\":{\"id\":\"" + user + "\",\"username\":\"name-of-" + user.toLowerCase() + "\",\"team_id\":\"T0FAKE\"},"
                + "\"team\":{\"id\":\"T0FAKE\",\"domain\":\"fake\"},\"channel\":{\"id\":\"" + channel + "\",\"name\":\"ops\"},"
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\"" + channel + "\"},"
                + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"block_id\":\"operation\","
                + "\"value\":\"" + value + "\",\"action_ts\":\"1700000000.000001\"}]}";
        return form(Map.of("payload", json));
    }

    /** Posts a signed slash command and returns the ack. */
    public static ValidatableResponse command(String user, String text) {
        return postSigned(slashCommand(user, "C0OPS", text, FakeSlackResource.api().responseUrl(UUID.randomUUID().toString())));
    }
}
