package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.PreflightCheck;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.dr.DrStatus;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.kube.ConsumerWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.testing.FakeDeploymentController;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pgdump} end to end against the real local PostgreSQL and the mock cluster, driven from
 * Slack: a dump to a {@code file://} store, restore tests that pass and that fail (a changed hash,
 * a damaged archive) with their reports, a restore that cuts the consumers over and its undo, DR
 * status on an old backup, the leftover sweeper, and a schedule that fires once across replicas.
 * The test plays the deployment controller and runs the jobs between ticks.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class PgDumpEndToEndTest {

    private static final String NS = "shop-staging";
    private static final String OLD_URL = "jdbc:postgresql://127.0.0.1:5432/ts_ledger?sslmode=disable";

    @Inject
    KubernetesClient kube;
    @Inject
    Reconciler reconciler;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Jobs jobs;
    @Inject
    ChannelAnnouncements announcements;
    @Inject
    DrStatus dr;
    @Inject
    Catalog catalog;
    @Inject
    ScratchSweeper sweeper;
    @Inject
    DatabaseSchedules schedules;
    @Inject
    Scheduler scheduler;

    private FakeDeploymentController controller;

    @BeforeEach
    void setUp() throws Exception {
        Operations.endAllActive(dataSource);
        Operations.quietMessages(dataSource);
        announcements.post();
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM restore_test_check WHERE run_id IN (SELECT id FROM restore_test_run WHERE database = 'ledger')");
            s.executeUpdate("DELETE FROM restore_test_run WHERE database = 'ledger'");
            s.executeUpdate("UPDATE db_job SET state = 'FAILED', error = 'ended by a test' WHERE state IN ('PENDING', 'RUNNING')");
        }
        LedgerDatabase.create(500);
        kube.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("ledger-db").endMetadata()
                .addToData("url", b64(OLD_URL)).addToData("password", b64("s3cret")).build()).createOr(r -> r.update());
        kube.apps().deployments().inNamespace(NS).withName("search").delete();
        kube.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("search").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "search").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.local/search:1.0").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        controller = new FakeDeploymentController(kube, NS, "search");
        controller.step();
        controller.step();
        FakeSlackResource.api().reset();
    }

    @AfterEach
    void dropCopies() throws Exception {
        LedgerDatabase.dropCopies();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, () -> {
            jobs.runDueNow();
            controller.step();
        });
    }

    /** The newest operation of a kind on a target. */
    private static Operation latest(String kind, String target) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find("kind = ?1 AND target = ?2 ORDER BY createdAt DESC",
                kind, target).firstResult());
    }

    private Operation run(String user, String command, String kind, String target) throws Exception {
        Operation before = latest(kind, target);
        SlackRequests.command(user, command).statusCode(200);
        Operation op = latest(kind, target);
        assertNotNull(op, command);
        assertTrue(before == null || !before.id.equals(op.id), "a new operation for " + command);
        return driver().runUntil(op.id, o -> !o.phase.active());
    }

    private Operation backup() throws Exception {
        Operation op = run("U0DEV1", "backup ledger", "backup", "ledger");
        assertEquals(Phase.SUCCEEDED, op.phase, op.endReason);
        return op;
    }

    private Operation restoreTest() throws Exception {
        Thread.sleep(1100); // copies are named to the second
        return run("U0DEV1", "restore-test ledger", "restore-test", "ledger/restore-test");
    }

    /** The text of the reports posted to the restore tests' channel. */
    private List<String> reports() {
        announcements.post();
        return FakeSlackResource.api().calls("chat.postMessage").stream().filter(c -> "C0DR".equals(c.param("channel")))
                .map(c -> c.param("text")).toList();
    }

    @Test
    void aDumpThenARestoreTestThatPassesAndLeavesNothingBehind() throws Exception {
        Operation backup = backup();
        List<Path> archives = LedgerDatabase.archives();
        assertEquals(1, archives.size());
        Path manifest = Path.of(archives.get(0).toString().replaceFirst("\\.dump$", ".json"));
        assertTrue(Files.exists(manifest), "a manifest beside the archive");
        String sha = backup.handles.get("taken.sha256");
        assertTrue(Files.readString(manifest).contains(sha));
        assertEquals(sha, sha256(archives.get(0)));
        assertTrue(backup.endReason.contains("all"), backup.endReason);
        assertTrue(backup.conditions.stream().anyMatch(c -> c.reason().contains("SHA-256")) || backup.handles.containsKey("taken.sizeBytes"));
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sha256, size_bytes, trigger FROM backup WHERE operation_id = '" + backup.id + "'")) {
            assertTrue(rs.next(), "the backup is recorded");
            assertEquals(sha, rs.getString(1));
            assertEquals(Files.size(archives.get(0)), rs.getLong(2));
            assertEquals("manual", rs.getString(3));
        }

        Operation test = restoreTest();
        assertEquals(Phase.SUCCEEDED, test.phase, test.endReason);
        assertEquals(List.of(), LedgerDatabase.copies("rt"), "the scratch copy is removed");
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT passed, rto_ms, (SELECT count(*) FROM restore_test_check k WHERE k.run_id = r.id AND k.passed)"
                     + " FROM restore_test_run r WHERE operation_id = '" + test.id + "'")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
            assertTrue(rs.getLong(2) > 0);
            assertEquals(4, rs.getLong(3), "three checks and amcheck");
        }
        List<String> reports = reports();
        assertEquals(1, reports.size(), reports.toString());
        String report = reports.get(0);
        assertTrue(report.contains("passed"), report);
        assertTrue(report.contains("RTO"), report);
        assertTrue(report.contains("RPO"), report);
        assertTrue(report.contains("accounts present: expected ≥ 100.0, got 500"), report);
        assertTrue(report.contains("amcheck"), report);
        assertTrue(report.contains("Cost"), report);
        assertFalse(report.contains("<@U0DBA1>"), "on-call is mentioned only on failure");
    }

    @Test
    void aChangedHashFailsTheNextRestoreTestMentionsOncallAndCleansUp() throws Exception {
        backup();
        assertEquals(Phase.SUCCEEDED, restoreTest().phase);
        LedgerDatabase.execute(LedgerDatabase.NAME, "UPDATE accounts SET name = 'changed' WHERE id = 7");
        Thread.sleep(1100);
        backup();
        Operation failed = restoreTest();
        assertEquals(Phase.FAILED, failed.phase, failed.endReason);
        assertTrue(failed.endReason.contains("accounts hash"), failed.endReason);
        assertEquals(List.of(), LedgerDatabase.copies("rt"), "the scratch copy is removed after a failure too");
        String report = reports().get(1);
        assertTrue(report.contains("FAILED"), report);
        assertTrue(report.contains("<@U0DBA1>"), report);
        assertTrue(report.contains(":x: accounts hash"), report);
        assertTrue(report.contains("Trend"), report);
    }

    @Test
    void aDamagedArchiveIsCaughtByItsChecksumBeforeAnythingIsRestored() throws Exception {
        backup();
        Path archive = LedgerDatabase.archives().get(0);
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Operation failed = restoreTest();
        assertEquals(Phase.FAILED, failed.phase, failed.endReason);
        assertTrue(failed.endReason.contains("damaged") && failed.endReason.contains("SHA-256"), failed.endReason);
        assertEquals(List.of(), LedgerDatabase.copies("rt"));
        String report = reports().get(0);
        assertTrue(report.contains("FAILED") && report.contains("damaged"), report);
    }

    @Test
    void aRestoreCutsTheConsumersOverAndTheUndoPutsThemBack() throws Exception {
        backup();
        LedgerDatabase.execute(LedgerDatabase.NAME, "INSERT INTO accounts (name) VALUES ('after the backup')");
        Operation restore = run("U0DEV1", "restore ledger", "restore", "ledger");
        assertEquals(Phase.SUCCEEDED, restore.phase, restore.endReason);
        String copy = restore.context.get(DbPlan.COPY);
        assertTrue(copy.matches("ts_ledger_restored_[0-9]{14}"), copy);
        assertEquals(500, LedgerDatabase.count(copy), "the copy holds the backup's data");
        assertEquals(501, LedgerDatabase.count(LedgerDatabase.NAME), "the current database is untouched");
        ConsumerWorkloads workloads = new ConsumerWorkloadsProbe(kube).workloads();
        assertEquals("jdbc:postgresql://127.0.0.1:5432/" + copy + "?sslmode=disable", workloads.read(NS, "ledger-db", "url").orElseThrow());
        assertEquals("s3cret", workloads.read(NS, "ledger-db", "password").orElseThrow(), "other keys are left alone");
        var annotations = kube.apps().deployments().inNamespace(NS).withName("search").get().getSpec().getTemplate().getMetadata().getAnnotations();
        assertNotNull(annotations.get(ConsumerWorkloads.RESTARTED_AT), "the consumer is restarted");
        assertNotNull(restore.handles.get("time.cutoverMs"), "the cut-over is measured");
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT previous FROM restore_cutover WHERE operation_id = '" + restore.id + "'")) {
            assertTrue(rs.next());
            assertEquals(OLD_URL, rs.getString(1));
        }

        Operation undo = run("U0DEV1", "restore ledger undo " + restore.id.toString().substring(0, 8), "restore-undo", "ledger");
        assertEquals(Phase.SUCCEEDED, undo.phase, undo.endReason);
        assertEquals(OLD_URL, workloads.read(NS, "ledger-db", "url").orElseThrow());
        assertFalse(annotations.get(ConsumerWorkloads.RESTARTED_AT).equals(kube.apps().deployments().inNamespace(NS).withName("search").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get(ConsumerWorkloads.RESTARTED_AT)), "restarted again");
        assertTrue(LedgerDatabase.copies("restored").contains(copy), "the restored copy is never deleted");
    }

    @Test
    void undoWithoutACutOverIsRefusedKindly() {
        SlackRequests.command("U0DEV1", "restore ledger undo deadbeef").statusCode(200)
                .body("text", containsString("nothing to undo"));
        SlackRequests.command("U0DEV1", "restore ledger undo not-an-id").statusCode(200)
                .body("text", containsString("is not an operation id"));
    }

    @Test
    void drFlagsABackupOlderThanTheRpo() throws Exception {
        backup();
        DrStatus.Report fresh = dr.of(catalog.database("ledger").orElseThrow(), Instant.now());
        PreflightCheck age = fresh.findings().stream().filter(f -> f.name().equals("latest backup")).findFirst().orElseThrow();
        assertEquals(PreflightCheck.Status.OK, age.status(), age.detail());
        DrStatus.Report later = dr.of(catalog.database("ledger").orElseThrow(), Instant.now().plus(Duration.ofDays(2)));
        PreflightCheck old = later.findings().stream().filter(f -> f.name().equals("latest backup")).findFirst().orElseThrow();
        assertEquals(PreflightCheck.Status.FAILED, old.status());
        assertTrue(old.detail().contains("older than the RPO"), old.detail());
        assertTrue(later.outOfLine());

        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "dr ledger", FakeSlackResource.api().responseUrl(responseId)))
                .statusCode(200);
        FakeSlackApi.Call reply = await(() -> FakeSlackResource.api().calls("response_url:" + responseId).stream().findFirst().orElse(null));
        assertTrue(reply.body().contains("ledger") && reply.body().contains("latest backup"), reply.body());
    }

    @Test
    void theSweeperRemovesOnlyOldScratchCopies() throws Exception {
        LedgerDatabase.execute("postgres", "CREATE DATABASE ts_ledger_rt_20200101000000");
        LedgerDatabase.execute("postgres", "CREATE DATABASE ts_ledger_restored_20200101000000");
        List<String> removed = sweeper.sweep();
        assertEquals(List.of("ts_ledger_rt_20200101000000"), removed);
        assertEquals(List.of(), LedgerDatabase.copies("rt"));
        assertEquals(List.of("ts_ledger_restored_20200101000000"), LedgerDatabase.copies("restored"));
        assertEquals(500, LedgerDatabase.count(LedgerDatabase.NAME));
    }

    @Test
    void aScheduledFireRunsOnceAcrossTwoReplicas() throws Exception {
        backup();
        Instant fireTime = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String job = DatabaseSchedules.restoreTestJob("ledger");
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> fire = () -> schedules.fire(job, fireTime);
            List<Future<Boolean>> results = pool.invokeAll(List.of(fire, fire));
            long ran = 0;
            for (Future<Boolean> r : results) {
                ran += r.get() ? 1 : 0;
            }
            assertEquals(1, ran, "one of the two replicas runs the fire time");
        } finally {
            pool.shutdown();
        }
        Operation op = latest("restore-test", "ledger/restore-test");
        assertEquals("scheduled", op.context.get(DbPlan.TRIGGER));
        assertEquals(Phase.SUCCEEDED, driver().runUntil(op.id, o -> !o.phase.active()).phase);
        assertFalse(schedules.fire(job, fireTime), "a fire time runs once");
        assertTrue(reports().get(0).contains("passed"));
    }

    @Test
    void theCronFiresTheRestoreTestAndItsReportIsPosted() throws Exception {
        backup();
        Operation before = latest("restore-test", "ledger/restore-test");
        String job = "restore-test:ledger";
        schedules.schedule(job, "*/1 * * * * ?");
        Operation fired;
        try {
            fired = await(() -> {
                Operation op = latest("restore-test", "ledger/restore-test");
                return op != null && (before == null || !op.id.equals(before.id)) ? op : null;
            });
        } finally {
            scheduler.unscheduleJob(job);
        }
        assertEquals(Phase.SUCCEEDED, driver().runUntil(fired.id, o -> !o.phase.active()).phase);
        assertTrue(reports().stream().anyMatch(r -> r.contains("Restore test of `ledger` passed")));
    }

    private static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(file));
        return dev.ticketsmith.crypto.Sha256.hex(digest);
    }

    private static <T> T await(Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 10 s");
    }

    /** Reads Secrets as the cut-over does. */
    private record ConsumerWorkloadsProbe(KubernetesClient kube) {
        ConsumerWorkloads workloads() {
            return io.quarkus.arc.Arc.container().instance(ConsumerWorkloads.class).get();
        }
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
