package dev.ticketsmith.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/observability: the Grafana dashboard and the PrometheusRule query only metrics the code
 * registers (names read from the meter builders in src/main/java), and the component renders.
 * MetricsTest checks that those names appear in a real scrape with their labels.
 */
class ObservabilityManifestsTest {

    private static final Path DIR = Path.of("deploy/observability");
    private static final Pattern BUILDER = Pattern.compile("(Counter|Timer|Gauge|MultiGauge)\\.builder\\(\"(ticketsmith\\.[a-z.]+)\"");
    private static final Pattern MULTI = Pattern.compile("gauge\\(registry, \"(ticketsmith\\.[a-z.]+)\"");
    private static final Pattern METRIC = Pattern.compile("\\bticketsmith_[a-z0-9_]+");

    /** The Prometheus names of every ticketsmith meter the main code builds. */
    static Set<String> registeredNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher m = BUILDER.matcher(code);
                while (m.find()) {
                    String base = m.group(2).replace('.', '_');
                    switch (m.group(1)) {
                        case "Counter" -> names.add(base + "_total");
                        case "Timer" -> List.of("_count", "_sum", "_max", "_bucket").forEach(s -> names.add(base + "_seconds" + s));
                        default -> names.add(base);
                    }
                }
                Matcher multi = MULTI.matcher(code);
                while (multi.find()) {
                    names.add(multi.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String expr) {
        Set<String> found = new HashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void theCodeRegistersTheMetricsTheDocsPromise() throws IOException {
        Set<String> names = registeredNames();
        for (String expected : List.of("ticketsmith_slack_ack_seconds_bucket", "ticketsmith_slack_requests_refused_total",
                "ticketsmith_slack_api_calls_total", "ticketsmith_operations", "ticketsmith_operation_step_duration_seconds_bucket",
                "ticketsmith_backup_age_seconds", "ticketsmith_restore_test_rto_seconds", "ticketsmith_restore_test_rpo_seconds",
                "ticketsmith_audit_chain_intact")) {
            assertTrue(names.contains(expected), expected + " among " + names);
        }
        String docs = Files.readString(Path.of("docs/observability.md"));
        for (String name : names) {
            String documented = name.replaceAll("_(bucket|count|sum|max)$", "");
            assertTrue(docs.contains(documented), documented + " is not documented in docs/observability.md");
        }
    }

    @Test
    void theDashboardIsAGrafanaDashboardOfKnownMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("ticketsmith-dashboard.json").toFile());
        assertEquals("ticketsmith", dashboard.path("uid").asText());
        assertFalse(dashboard.path("title").asText().isBlank());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36);
        assertEquals("datasource", dashboard.path("templating").path("list").get(0).path("type").asText());
        Set<String> known = registeredNames();
        Set<Integer> ids = new HashSet<>();
        Set<String> queried = new TreeSet<>();
        assertTrue(dashboard.path("panels").size() >= 10);
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + title);
            assertTrue(Set.of("timeseries", "stat").contains(panel.path("type").asText()), title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt() > 0 && grid.path("x").asInt() + grid.path("w").asInt() <= 24, "within 24 columns: " + title);
            assertFalse(panel.path("targets").isEmpty(), "a panel queries something: " + title);
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("refId").asText().isBlank(), title);
                Set<String> metrics = metricsIn(target.path("expr").asText());
                assertFalse(metrics.isEmpty(), "queries a TICKETSMITH metric: " + title);
                for (String metric : metrics) {
                    assertTrue(known.contains(metric), "panel '" + title + "' queries " + metric + ", which the code does not register");
                }
                queried.addAll(metrics);
            }
        }
        for (String wanted : List.of("ticketsmith_slack_ack_seconds_bucket", "ticketsmith_slack_requests_refused_total",
                "ticketsmith_operations", "ticketsmith_operation_step_duration_seconds_bucket", "ticketsmith_backup_age_seconds",
                "ticketsmith_restore_test_rto_seconds", "ticketsmith_restore_test_rpo_seconds", "ticketsmith_audit_chain_intact")) {
            assertTrue(queried.contains(wanted), "the dashboard shows " + wanted);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAlertsAreAPrometheusRuleOfKnownMetrics() throws IOException {
        Map<String, Object> rule = new Yaml().load(Files.readString(DIR.resolve("prometheusrule.yaml")));
        assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion"));
        assertEquals("PrometheusRule", rule.get("kind"));
        Set<String> known = registeredNames();
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
            assertNotNull(group.get("name"));
            for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) r.get("alert");
                assertTrue(alerts.add(alert), "alert names are unique: " + alert);
                String expr = (String) r.get("expr");
                Set<String> metrics = metricsIn(expr);
                assertFalse(metrics.isEmpty(), alert);
                metrics.forEach(m -> assertTrue(known.contains(m), alert + " uses " + m + ", which the code does not register"));
                assertTrue(Set.of("critical", "warning").contains(((Map<String, Object>) r.get("labels")).get("severity")), alert);
                Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
                assertTrue(annotations.containsKey("summary") && annotations.containsKey("description"), alert);
                assertFalse(expr.contains("sum(ticketsmith_backup") || expr.contains("sum by (database) (ticketsmith_"),
                        alert + ": figures from PostgreSQL are the same on every replica, never sum them");
            }
        }
        assertTrue(alerts.containsAll(List.of("TicketsmithBackupTooOld", "TicketsmithRestoreTestFailed", "TicketsmithOperationStuck",
                "TicketsmithAuditChainBroken")), alerts.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComponentRenders() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"), "kubectl is not installed");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", DIR.toString()).redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), out);
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(out).forEach(o -> objects.add((Map<String, Object>) o));
        Map<String, Object> configMap = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> metadata = (Map<String, Object>) configMap.get("metadata");
        assertEquals("1", ((Map<String, Object>) metadata.get("labels")).get("grafana_dashboard"));
        String json = (String) ((Map<String, Object>) configMap.get("data")).get("ticketsmith-dashboard.json");
        assertEquals("ticketsmith", new ObjectMapper().readTree(json).path("uid").asText());
        assertTrue(objects.stream().anyMatch(o -> "PrometheusRule".equals(o.get("kind"))));
        assertTrue(Files.readString(DIR.resolve("kustomization.yaml")).contains("kind: Component"));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
