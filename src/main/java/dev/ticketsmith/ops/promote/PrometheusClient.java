package dev.ticketsmith.ops.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Instant queries through the Prometheus HTTP API ({@code GET <url>/api/v1/query}). A server that
 * cannot be reached or answers an error throws; an answer is a {@link Reading}.
 */
@ApplicationScoped
public class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a query returned.
     *
     * @param value the number, or null when there was none (an empty vector, or {@code NaN})
     * @param series how many series the result held (1 for a scalar)
     */
    public record Reading(Double value, int series) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Reading read(String url, String query) {
        String base = url.replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + ": " + body.path("error").asText());
            }
            return reading(body.path("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus at " + base + " could not be queried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying Prometheus", e);
        }
    }

    static Reading reading(JsonNode data) {
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return new Reading(number(result.path(1).asText()), 1);
        }
        if (!result.isArray() || result.isEmpty()) {
            return new Reading(null, 0);
        }
        if (result.size() > 1) {
            return new Reading(null, result.size());
        }
        return new Reading(number(result.get(0).path("value").path(1).asText()), 1);
    }

    private static Double number(String text) {
        if (text.equals("+Inf") || text.equals("-Inf")) {
            return text.startsWith("+") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isNaN(v) ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
