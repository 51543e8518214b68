package dev.ticketsmith.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.UUID;

/** Socket Mode envelopes as Slack sends them: the payload is JSON, the same fields as over HTTP. */
public final class SocketModeEnvelopes {

    private SocketModeEnvelopes() {
    }

    /** A slash command's payload (what HTTP sends as a form), with a fresh {@code trigger_id}. */
    public static JsonObject slashCommand(String user, String channel, String text, String responseUrl) {
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("team_id", "T0FAKE");
        p.addProperty("team_domain", "fake");
        p.addProperty("channel_id", channel);
        p.addProperty("channel_name", "ops");
        p.addProperty("user_id", user);
        p.addProperty("user_name", "name-of-" + user.toLowerCase());
        p.addProperty("command", "/ticketsmith");
        p.addProperty("text", text);
        p.addProperty("api_app_id", "A0FAKE");
        p.addProperty("is_enterprise_install", "false");
        p.addProperty("response_url", responseUrl);
        p.addProperty("trigger_id", UUID.randomUUID().toString());
        return p;
    }

    /** A {@code block_actions} payload: {@code user} clicked the button {@code actionId} on a message. */
    public static JsonObject buttonClick(String user, String channel, String actionId, String value, String responseUrl) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        p.addProperty("api_app_id", "A0FAKE");
        p.addProperty("token", "legacy");
        p.addProperty("trigger_id", UUID.randomUUID().toString());
        p.addProperty("response_url", responseUrl);
        JsonObject u = new JsonObject();
        u.addProperty("id", user);
        u.addProperty("username", "name-of-" + user.toLowerCase());
        u.addProperty("team_id", "T0FAKE");
        p.add("user", u);
        JsonObject team = new JsonObject();
        team.addProperty("id", "T0FAKE");
        team.addProperty("domain", "fake");
        p.add("team", team);
        JsonObject ch = new JsonObject();
        ch.addProperty("id", channel);
        ch.addProperty("name", "ops");
        p.add("channel", ch);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", "1700000000.000100");
        container.addProperty("channel_id", channel);
        p.add("container", container);
        JsonObject action = new JsonObject();
        action.addProperty("type", "button");
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "operation");
        action.addProperty("value", value);
        action.addProperty("action_ts", "1700000000.000200");
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return p;
    }

    /** An envelope of {@code type} around {@code payload}; {@code retryAttempt} above 0 marks a redelivery. */
    public static String envelope(String envelopeId, String type, JsonObject payload, boolean acceptsResponsePayload, int retryAttempt) {
        JsonObject e = new JsonObject();
        e.addProperty("envelope_id", envelopeId);
        e.addProperty("type", type);
        e.add("payload", payload);
        e.addProperty("accepts_response_payload", acceptsResponsePayload);
        if (retryAttempt > 0) {
            e.addProperty("retry_attempt", retryAttempt);
            e.addProperty("retry_reason", "timeout");
        }
        return e.toString();
    }

    public static String newEnvelopeId() {
        return UUID.randomUUID().toString();
    }
}
