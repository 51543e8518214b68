package dev.ticketsmith.ops.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.catalog.AnalysisSpec;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
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
import java.util.Optional;

/**
 * The service's Prometheus checks ({@code analysis.prometheus}), evaluated through the Prometheus
 * HTTP API ({@code /api/v1/query}). A query must return one number within its bounds; an empty
 * result (no traffic yet) passes. Prometheus being unreachable is an error the engine retries, not
 * a verdict on the canary.
 */
@ApplicationScoped
public class PrometheusAnalysis {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Why the canary's metrics are out of bounds, or empty when they are within them (or not configured). */
    public Optional<String> problem(ServiceSpec service, EnvironmentSpec environment) {
        Optional<AnalysisSpec.Prometheus> prometheus = service.analysis().prometheus();
        if (prometheus.isEmpty()) {
            return Optional.empty();
        }
        String base = prometheus.get().url().replaceAll("/+$", "");
        for (AnalysisSpec.MetricQuery q : prometheus.get().queries()) {
            Optional<Double> value = evaluate(base, service.render(q.query(), environment));
            if (value.isEmpty()) {
                continue;
            }
            double v = value.get();
            if (q.max().isPresent() && v > q.max().get()) {
                return Optional.of(q.name() + " is " + v + ", above " + q.max().get());
            }
            if (q.min().isPresent() && v < q.min().get()) {
                return Optional.of(q.name() + " is " + v + ", below " + q.min().get());
            }
        }
        return Optional.empty();
    }

    private Optional<Double> evaluate(String base, String query) {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + ": " + body.path("error").asText());
            }
            JsonNode result = body.path("data").path("result");
            if (!result.isArray() || result.isEmpty()) {
                return Optional.empty();
            }
            String value = result.get(0).path("value").path(1).asText();
            return value.equals("NaN") ? Optional.empty() : Optional.of(Double.parseDouble(value));
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus at " + base + " could not be queried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying Prometheus", e);
        }
    }
}
