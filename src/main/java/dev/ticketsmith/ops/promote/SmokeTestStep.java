package dev.ticketsmith.ops.promote;

import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code canary.smoke}: one HTTP GET per reconcile against the canary (the URL is rendered from the
 * catalogue's template), up to {@code attempts}; the expected status passes it.
 */
@ApplicationScoped
public class SmokeTestStep implements StepAction {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String type() {
        return "canary.smoke";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        int attempt = Integer.parseInt(ctx.handle(Handles.SMOKE_ATTEMPTS).orElse("0")) + 1;
        ctx.putHandle(Handles.SMOKE_ATTEMPTS, Integer.toString(attempt));
        int attempts = Integer.parseInt(ctx.step().param("attempts"));
        String url = ctx.step().param("url");
        int expected = Integer.parseInt(ctx.step().param("expectStatus"));
        String outcome = get(url, Duration.parse(ctx.step().param("timeout")), expected);
        if (outcome == null) {
            return StepResult.done("GET " + url + " answered " + expected + " (attempt " + attempt + ")");
        }
        if (attempt >= attempts) {
            return StepResult.fail("GET " + url + " " + outcome + " on all " + attempts + " attempts");
        }
        return StepResult.waitFor(Duration.ofSeconds(2), "smoke attempt " + attempt + "/" + attempts + ": GET " + url + " " + outcome);
    }

    /** Null when the URL answered the expected status, else what happened instead. */
    private String get(String url, Duration timeout, int expected) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == expected ? null : "answered " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
    }
}
