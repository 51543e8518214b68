package dev.ticketsmith.slack;

/** A Slack Web API call that did not succeed after the adapter's retries, or that Slack refused. */
public class SlackCallFailed extends RuntimeException {

    private final String method;
    private final String slackError;

    public SlackCallFailed(String method, String slackError, Throwable cause) {
        super(method + " failed: " + slackError, cause);
        this.method = method;
        this.slackError = slackError;
    }

    /** The Web API method, e.g. {@code chat.update}. */
    public String method() {
        return method;
    }

    /** Slack's error code ({@code channel_not_found}), or a short description of the failure. */
    public String slackError() {
        return slackError;
    }
}
