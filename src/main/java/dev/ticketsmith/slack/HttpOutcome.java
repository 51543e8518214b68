package dev.ticketsmith.slack;

import java.io.IOException;

/**
 * What one attempt of a Slack call came to: the HTTP status, Slack's error code when it refused,
 * the parsed response when it succeeded, and {@code Retry-After} when it was rate limited.
 */
record HttpOutcome(int status, String error, Object response, String retryAfter, IOException cause) {

    HttpOutcome(int status, String error) {
        this(status, error, null, null, null);
    }

    HttpOutcome(int status, String error, Object response) {
        this(status, error, response, null, null);
    }

    HttpOutcome(int status, String error, Object response, String retryAfter) {
        this(status, error, response, retryAfter, null);
    }

    static HttpOutcome networkError(IOException e) {
        return new HttpOutcome(0, "network error: " + e.getClass().getSimpleName(), null, null, e);
    }

    boolean ok() {
        return status >= 200 && status < 300 && (error == null || error.equals("ok"));
    }

    boolean rateLimited() {
        return status == 429;
    }

    boolean retryable() {
        return status == 0 || status >= 500;
    }

    /** A short tag for metrics: ok, ratelimited, server_error, network_error or refused. */
    String tag() {
        if (ok()) {
            return "ok";
        }
        if (rateLimited()) {
            return "ratelimited";
        }
        if (status == 0) {
            return "network_error";
        }
        return status >= 500 ? "server_error" : "refused";
    }

    @SuppressWarnings("unchecked")
    <T> T value() {
        return (T) response;
    }
}
