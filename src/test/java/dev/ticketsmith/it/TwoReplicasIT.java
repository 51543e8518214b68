package dev.ticketsmith.it;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.testing.CrudClusters;
import dev.ticketsmith.testing.FakeDeploymentController;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.SlackRequests;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged instances of TICKETSMITH, in processes of their own, share one PostgreSQL database,
 * one mock cluster and one fake Slack, each running its own engine ticks, sweeps and job runner as in
 * production. Across them: a promotion (and a kill -9 of one instance in the middle of it, the other
 * finishing it), a scaling override that expires, and a backup and restore test. Nothing is done
 * twice: each step is recorded once, each job runs once, each operation has one live message, each
 * announcement and report is posted once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final String SECRET = "it-signing-secret";
    private static final String DB = "ticketsmith_it";
    private static final String NS = "shop-staging";
    private static final String REGISTRY = "127.0.0.1:" + LocalEndpoints.PORT;
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static KubernetesMockServer k8s;
    private static KubernetesClient kube;
    private static FakeSlackApi slack;
    private static HttpServer endpoints;
    private static Map<String, String> config;
    private static Replica a;
    private static Replica b;
    private static ScheduledExecutorService controllerLoop;
    /** Held so the setting stays: the mock server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static Connection db(String name) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres");
    }

    private static void sql(String database, String... statements) throws Exception {
        try (Connection c = db(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        sql("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)", "CREATE DATABASE " + DB,
                "DROP DATABASE IF EXISTS ts_it_ledger WITH (FORCE)", "CREATE DATABASE ts_it_ledger");
        sql("ts_it_ledger", "CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 1000) g");
        Path store = Path.of("/tmp/ticketsmith-it-backups/ledger");
        if (Files.isDirectory(store)) {
            try (var files = Files.list(store)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
        }
        k8s = CrudClusters.start();
        kube = k8s.createClient();
        seed();
        slack = new FakeSlackApi();
        endpoints = LocalEndpoints.start();
        LocalEndpoints.manifest(endpoints, "search", "2.0.0", () -> DIGEST);
        FakeDeploymentController controller = new FakeDeploymentController(kube, NS, "search", "search-canary");
        controllerLoop = Executors.newSingleThreadScheduledExecutor();
        controllerLoop.scheduleWithFixedDelay(() -> {
            try {
                controller.step();
            } catch (RuntimeException e) {
                // a pass that raced a change of the app's: the next one sees it
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DB);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("ticketsmith.catalog", "src/test/resources/it-catalog.yaml");
        config.put("ticketsmith.slack.bot-token", "xoxb-it");
        config.put("ticketsmith.slack.signing-secret", SECRET);
        config.put("ticketsmith.slack.api-url", slack.apiUrl());
        // fabric8's own setting: Quarkus fixes quarkus.kubernetes-client.api-server-url at build time
        config.put("kubernetes.master", k8s.url("/"));
        config.put("ticketsmith.registry.insecure", REGISTRY);
        config.put("ticketsmith.release.detach-grace", "0s");
        a = Replica.start("a", 18301, config);
        b = Replica.start("b", 18302, config);
        a.awaitReady(Duration.ofMinutes(3));
        b.awaitReady(Duration.ofMinutes(3));
    }

    private static void seed() {
        kube.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("search").withNamespace(NS).addToLabels("app", "search").endMetadata()
                .withNewSpec().withReplicas(4).withNewSelector().addToMatchLabels("app", "search").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(REGISTRY + "/search:1.0.0").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("search").endMetadata()
                .withNewSpec().addToSelector("app", "search").addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build())
                .create();
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("search").endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(5)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("search").endScaleTargetRef()
                .endSpec().build()).create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (controllerLoop != null) {
            controllerLoop.shutdownNow();
        }
        for (Replica r : new Replica[] {a, b}) {
            if (r != null) {
                r.close();
            }
        }
        if (endpoints != null) {
            endpoints.stop(0);
        }
        if (slack != null) {
            slack.stop();
        }
        if (k8s != null) {
            kube.close();
            k8s.destroy();
        }
    }

    private static String command(String text) {
        return SlackRequests.slashCommand("U0DEV1", "C0OPS", text, slack.responseUrl(UUID.randomUUID().toString()));
    }

    private record Op(UUID id, String phase, int stepIndex) {
    }

    private static Op latest(String kind, String target) throws Exception {
        try (Connection c = db(DB); PreparedStatement s = c.prepareStatement(
                "SELECT id, phase, step_index FROM operation WHERE kind = ? AND target = ? ORDER BY created_at DESC LIMIT 1")) {
            s.setString(1, kind);
            s.setString(2, target);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Op(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)) : null;
            }
        }
    }

    private static <T> T await(String what, Duration within, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " not within " + within);
    }

    private static Op awaitPhase(String kind, String target, Set<String> phases, Duration within) throws InterruptedException {
        return await(kind + " of " + target + " in " + phases, within, () -> {
            try {
                Op op = latest(kind, target);
                return op != null && phases.contains(op.phase()) ? op : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The step records of an operation: each "step k/N type done" must appear once. */
    private static List<String> stepRecords(UUID op) throws Exception {
        List<String> steps = new ArrayList<>();
        Pattern done = Pattern.compile("^((rollback )?step \\d+/\\d+ \\S+) done");
        try (Connection c = db(DB); PreparedStatement s = c.prepareStatement(
                "SELECT detail FROM audit_record WHERE operation_id = ? AND action LIKE '%.step' ORDER BY seq")) {
            s.setString(1, op.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Matcher m = done.matcher(rs.getString(1));
                    if (m.find()) {
                        steps.add(m.group(1));
                    }
                }
            }
        }
        return steps;
    }

    private static void assertNoDuplicate(List<String> records) {
        Set<String> seen = new HashSet<>();
        for (String r : records) {
            assertTrue(seen.add(r), "recorded twice: " + r + " in " + records);
        }
    }

    private static long topLevelPosts(String channel, String containing) {
        return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel")) && c.param("thread_ts") == null
                && c.param("text") != null && c.param("text").contains(containing)).count();
    }

    @Test
    @Order(1)
    void aPromotionRunsOnceAcrossTwoReplicasAndSurvivesAKillNine() throws Exception {
        a.post(command("promote search 2.0.0"), SECRET);
        Op op = await("the promotion", Duration.ofSeconds(20), () -> {
            try {
                return latest("promote", "search");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitPhase("promote", "search", Set.of("RUNNING"), Duration.ofSeconds(30));
        // a click served by the other instance acts on the same operation, and edits the same message
        b.post(SlackRequests.buttonClick("U0DEV1", "C0STAGING", "ticketsmith.pause", op.id().toString(), "1.0",
                slack.responseUrl(UUID.randomUUID().toString())), SECRET);
        awaitPhase("promote", "search", Set.of("PAUSED"), Duration.ofSeconds(20));
        a.post(SlackRequests.buttonClick("U0DEV1", "C0STAGING", "ticketsmith.resume", op.id().toString(), "1.0",
                slack.responseUrl(UUID.randomUUID().toString())), SECRET);
        // into the traffic steps, then one instance dies without a word
        Op atKill = await("traffic moving", Duration.ofSeconds(60), () -> {
            try {
                Op now = latest("promote", "search");
                return now.stepIndex() >= 4 || !Set.of("PENDING", "RUNNING", "AWAITING_APPROVAL").contains(now.phase()) ? now : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        a.kill();
        assertTrue(Set.of("RUNNING").contains(atKill.phase()), "killed mid-operation, at " + atKill);
        Op done = awaitPhase("promote", "search", Set.of("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED"), Duration.ofSeconds(90));
        a = Replica.start("a", 18301, config);
        assertEquals("SUCCEEDED", done.phase(), "the other instance finished it; see target/it-b.log");
        List<String> steps = stepRecords(op.id());
        assertNoDuplicate(steps);
        assertTrue(steps.size() >= 6, steps.toString());
        await("the live message's final edit", Duration.ofSeconds(15), () ->
                slack.calls("chat.update").stream().anyMatch(c -> c.param("text") != null && c.param("text").contains("succeeded")) ? true : null);
        assertEquals(1, topLevelPosts("C0STAGING", "promote search"), "one live message for the operation");
        assertEquals(1, slack.calls("chat.update").stream().filter(c -> "C0STAGING".equals(c.param("channel")))
                .map(c -> c.param("ts")).distinct().count(), "every edit, from either instance, to that one message");
        assertTrue(kube.apps().deployments().inNamespace(NS).withName("search").get().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage().contains("2.0.0"));
        a.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    @Order(2)
    void aScalingOverrideExpiresOnceAcrossTwoReplicas() throws Exception {
        b.post(command("scale search min=3 max=6 for 10s load test"), SECRET);
        await("the override applied", Duration.ofSeconds(20), () -> {
            HorizontalPodAutoscaler hpa = kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("search").get();
            return hpa.getSpec().getMinReplicas() == 3 ? hpa : null;
        });
        await("the override ended", Duration.ofSeconds(30), () -> {
            HorizontalPodAutoscaler hpa = kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("search").get();
            return hpa.getSpec().getMinReplicas() == 2 && hpa.getSpec().getMaxReplicas() == 5 ? hpa : null;
        });
        await("the expiry announced", Duration.ofSeconds(15), () -> topLevelPosts("C0STAGING", "has expired") > 0 ? true : null);
        Thread.sleep(4000); // both replicas sweep every 2 s: time enough for a second announcement, if there were one
        assertEquals(1, topLevelPosts("C0STAGING", "has expired"), "announced once");
    }

    @Test
    @Order(3)
    void aBackupAndARestoreTestRunOnceAcrossTwoReplicas() throws Exception {
        a.post(command("backup ledger"), SECRET);
        Op backup = awaitPhase("backup", "ledger", Set.of("SUCCEEDED", "FAILED"), Duration.ofSeconds(60));
        assertEquals("SUCCEEDED", backup.phase());
        Thread.sleep(1100);
        b.post(command("restore-test ledger"), SECRET);
        Op test = awaitPhase("restore-test", "ledger/restore-test", Set.of("SUCCEEDED", "FAILED"), Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", test.phase());
        assertNoDuplicate(stepRecords(backup.id()));
        assertNoDuplicate(stepRecords(test.id()));
        try (Connection c = db(DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, count(*), max(attempt) FROM db_job GROUP BY kind ORDER BY kind")) {
            Map<String, String> jobs = new HashMap<>();
            while (rs.next()) {
                jobs.put(rs.getString(1), rs.getLong(2) + " run(s), attempt " + rs.getInt(3));
            }
            assertEquals(Map.of("pgdump.backup", "1 run(s), attempt 1", "pgdump.restore", "1 run(s), attempt 1",
                    "restore.validate", "1 run(s), attempt 1"), jobs, "each job ran once, on one instance");
        }
        try (Connection c = db(DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM restore_test_run WHERE database = 'ledger'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
        await("the report", Duration.ofSeconds(15), () -> topLevelPosts("C0DR", "Restore test of `ledger` passed") > 0 ? true : null);
        Thread.sleep(2000);
        assertEquals(1, topLevelPosts("C0DR", "Restore test of `ledger`"), "one report");
    }
}
