package dev.ticketsmith.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.RestoreTestSpec.ValidationQuery;
import dev.ticketsmith.jobs.JobHandler;
import dev.ticketsmith.jobs.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code restore.validate}: the database's validation pack run against a restored copy. Each query
 * returns one value, judged by {@code min}, {@code max}, {@code maxAge} (a timestamp no older than
 * that: the newest of them is the data's age, the RPO), or {@code compareWithPrevious} (the same
 * value as the last passing run: an ordered hash of what must not change). Where the server has
 * {@code amcheck}, every B-tree index of the copy is checked too ({@code bt_index_check}). Each
 * query runs under a statement timeout.
 */
@ApplicationScoped
public class ValidationJob implements JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check's outcome. */
    public record Check(String name, String expected, String actual, boolean passed) {
    }

    private final Catalog catalog;
    private final PgCredentials credentials;

    ValidationJob(Catalog catalog, PgCredentials credentials) {
        this.catalog = catalog;
        this.credentials = credentials;
    }

    @Override
    public String kind() {
        return "restore.validate";
    }

    @Override
    public Map<String, String> run(Map<String, String> params, JobProgress progress) throws Exception {
        String database = params.get("database");
        List<ValidationQuery> pack = catalog.database(database).orElseThrow().restoreTest().map(t -> t.validation()).orElse(List.of());
        Map<String, String> previous = params.containsKey("previous") ? JSON.readValue(params.get("previous"),
                new TypeReference<Map<String, String>>() { }) : Map.of();
        Instant started = Instant.now();
        List<Check> checks = new ArrayList<>();
        Instant newest = null;
        CopyAddress copy = new CopyAddress(params.get("host"), Integer.parseInt(params.get("port")), params.get("into"));
        try (Connection c = Databases.connect(credentials.copy(database, copy)); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '" + params.getOrDefault("statementTimeout", "120s") + "'");
            for (ValidationQuery q : pack) {
                progress.report("check " + q.name());
                Object value = value(s, q.sql());
                checks.add(judge(q, value, previous.get(q.name())));
                if (q.maxAge().isPresent() && value instanceof Timestamp ts && (newest == null || ts.toInstant().isAfter(newest))) {
                    newest = ts.toInstant();
                }
            }
            if (Boolean.parseBoolean(params.getOrDefault("amcheck", "true"))) {
                amcheck(s).ifPresent(checks::add);
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        result.put("checks", JSON.writeValueAsString(checks));
        result.put("passed", Boolean.toString(checks.stream().allMatch(Check::passed)));
        result.put("validationMs", Long.toString(Duration.between(started, Instant.now()).toMillis()));
        if (newest != null) {
            result.put("dataTime", newest.toString());
        }
        return result;
    }

    /** The checks a job's result holds. */
    public static List<Check> checks(Map<String, String> result) {
        try {
            return JSON.readValue(result.getOrDefault("checks", "[]"), new TypeReference<List<Check>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable checks", e);
        }
    }

    private static Object value(Statement s, String sql) {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (Exception e) {
            return e;
        }
    }

    static Check judge(ValidationQuery q, Object value, String previous) {
        if (value instanceof Exception e) {
            return new Check(q.name(), "a value", "query failed: " + e.getMessage(), false);
        }
        String actual = value == null ? "null" : value instanceof Timestamp ts ? ts.toInstant().toString() : value.toString();
        List<String> expected = new ArrayList<>();
        boolean passed = value != null;
        if (q.min().isPresent() || q.max().isPresent()) {
            Double number = value instanceof Number n ? n.doubleValue() : null;
            q.min().ifPresent(min -> expected.add("≥ " + min));
            q.max().ifPresent(max -> expected.add("≤ " + max));
            passed &= number != null && q.min().map(min -> number >= min).orElse(true) && q.max().map(max -> number <= max).orElse(true);
        }
        if (q.maxAge().isPresent()) {
            expected.add("at most " + q.maxAge().get().toHours() + "h old");
            passed &= value instanceof Timestamp ts && Duration.between(ts.toInstant(), Instant.now()).compareTo(q.maxAge().get()) <= 0;
        }
        if (q.compareWithPrevious()) {
            expected.add(previous == null ? "recorded (first run)" : "= " + previous);
            passed &= previous == null || previous.equals(actual);
        }
        return new Check(q.name(), expected.isEmpty() ? "a value" : String.join(", ", expected), actual, passed);
    }

    /** {@code bt_index_check} on every B-tree index outside the system schemas, where the server has amcheck. */
    private static java.util.Optional<Check> amcheck(Statement s) {
        try {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'")) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
            }
            s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            int checked = 0;
            try (ResultSet rs = s.executeQuery("SELECT count(bt_index_check(c.oid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE a.amname = 'btree' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
                if (rs.next()) {
                    checked = rs.getInt(1);
                }
            }
            return java.util.Optional.of(new Check("amcheck", "every B-tree index consistent", checked + " indexes consistent", true));
        } catch (Exception e) {
            return java.util.Optional.of(new Check("amcheck", "every B-tree index consistent", "failed: " + e.getMessage(), false));
        }
    }
}
