package dev.ticketsmith.bench;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.restore.DatabaseOperations;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The restore test of a database of about 200 MB against a plain {@code pg_restore -j 2} of the same
 * archive, in the same run, four rounds each, alternating which goes first; prints the medians and their ratio
 * (target: under 1.15). The restore test runs as in production: the engine ticks every second and
 * jobs are claimed every second, on threads of their own; it is timed from the operation's start to
 * its end, so it includes choosing the backup, the preflight, fetching the archive and checking its
 * SHA-256, the restore, the validation pack with amcheck, the report and dropping the scratch copy.
 * Run with {@code ./mvnw verify -Pbenchmark -Dtest=RestoreTestBenchmark}.
 */
@QuarkusTest
@TestProfile(RestoreTestBenchmark.BenchCatalog.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class RestoreTestBenchmark {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int ROUNDS = 4;

    public static class BenchCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the engine and the jobs run on their schedules, as in production
            return Map.of("ticketsmith.catalog", "src/test/resources/bench-catalog.yaml", "ticketsmith.engine.tick-every", "1s",
                    "ticketsmith.sweeps.jobs-every", "1s");
        }
    }

    @Inject
    DatabaseOperations operations;
    @Inject
    Catalog catalog;
    @Inject
    Reconciler reconciler;
    @Inject
    Jobs jobs;
    @Inject
    AgroalDataSource dataSource;

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(SERVER + database + "?user=postgres");
    }

    private static void sql(String database, String... statements) throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void restoreTestAgainstPlainPgRestore() throws Exception {
        Operations.endAllActive(dataSource);
        Path store = Path.of("/tmp/ticketsmith-bench-backups");
        if (Files.isDirectory(store)) {
            try (Stream<Path> files = Files.list(store)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        sql("postgres", "DROP DATABASE IF EXISTS ts_bench WITH (FORCE)", "CREATE DATABASE ts_bench");
        sql("ts_bench", "CREATE TABLE events (id bigserial PRIMARY KEY, account int NOT NULL, kind text NOT NULL, payload text NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO events (account, kind, payload) SELECT g % 5000, 'kind-' || (g % 17), repeat(md5(g::text), 3)"
                        + " FROM generate_series(1, 1300000) g",
                "CREATE INDEX events_account ON events (account)", "ANALYZE events");
        long bytes;
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size('ts_bench')")) {
            rs.next();
            bytes = rs.getLong(1);
        }
        var db = catalog.database("bench").orElseThrow();
        Operation backup = drive(QuarkusTransaction.requiringNew().call(() -> operations.backup(db, "manual", "U0DEV1", "bench")));
        assertEquals(Phase.SUCCEEDED, backup.phase, backup.endReason);
        Path archive;
        try (Stream<Path> files = Files.list(store)) {
            archive = files.filter(p -> p.toString().endsWith(".dump")).findFirst().orElseThrow();
        }

        List<Long> plain = new ArrayList<>();
        List<Long> tests = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        List<Long> restorePhases = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) { // alternate which goes first: each pays for the other's dropped database in turn
                plain.add(plainRestore(archive));
            }
            Thread.sleep(1100); // scratch copies are named to the second
            long started = System.nanoTime();
            Operation test = drive(QuarkusTransaction.requiringNew().call(() -> operations.restoreTest(db, "manual", "U0DEV1", "bench")));
            tests.add((System.nanoTime() - started) / 1_000_000);
            assertEquals(Phase.SUCCEEDED, test.phase, test.endReason);
            restorePhases.add(Long.parseLong(test.handles.get("time.provisionMs")) + Long.parseLong(test.handles.get("time.restoreMs")));
            if (round % 2 == 1) {
                plain.add(plainRestore(archive));
            }
            phases.add("provisioning " + test.handles.get("time.provisionMs") + " ms, restore " + test.handles.get("time.restoreMs")
                    + " ms, validation " + test.handles.get("time.validationMs") + " ms");
        }
        long plainMedian = median(plain);
        long testMedian = median(tests);
        System.out.printf(Locale.ROOT, "%nRestore test vs plain pg_restore -j 2 (database %.0f MB on disk, archive %.1f MB, %d rounds each)%n",
                bytes / 1e6, Files.size(archive) / 1e6, ROUNDS);
        System.out.printf(Locale.ROOT, "  plain pg_restore -j 2 (CREATE DATABASE + restore): %s ms, median %d ms%n", plain, plainMedian);
        System.out.printf(Locale.ROOT, "  restore test, operation start to end:              %s ms, median %d ms%n", tests, testMedian);
        phases.forEach(p -> System.out.println("    " + p));
        System.out.printf(Locale.ROOT, "  restore test's restore (fetch + SHA-256 check + CREATE DATABASE + pg_restore -j 2): %s ms, median %d ms%n",
                restorePhases, median(restorePhases));
        System.out.printf(Locale.ROOT, "  ratio, restore against plain: %.3f (target < 1.15)%n", (double) median(restorePhases) / plainMedian);
        System.out.printf(Locale.ROOT, "  ratio, whole restore test (with preflight, validation pack, amcheck, report, drop) against plain: %.3f%n%n",
                (double) testMedian / plainMedian);
    }

    /** CREATE DATABASE and pg_restore -j 2 of the archive, timed; the database is dropped afterwards. */
    private static long plainRestore(Path archive) throws Exception {
        String name = "ts_bench_plain";
        sql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        long started = System.nanoTime();
        sql("postgres", "CREATE DATABASE " + name);
        Process p = new ProcessBuilder("pg_restore", "--no-owner", "--no-acl", "-j", "2", "-h", "127.0.0.1", "-U", "postgres",
                "-d", name, archive.toString()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, p.waitFor());
        long took = (System.nanoTime() - started) / 1_000_000;
        sql("postgres", "DROP DATABASE " + name + " WITH (FORCE)");
        return took;
    }

    /** Waits for an operation the application runs on its own (engine tick every second, jobs claimed as they are submitted). */
    private static Operation drive(StartResult started) throws Exception {
        UUID id = ((StartResult.Started) started).operation().id;
        while (true) {
            Operation op = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
            if (!op.phase.active()) {
                return op;
            }
            Thread.sleep(20);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
