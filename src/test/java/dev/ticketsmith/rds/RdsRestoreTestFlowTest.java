package dev.ticketsmith.rds;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.ticketsmith.rds.FakeAws.ec2Ok;
import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore test of an RDS database, from Slack through the operation engine, against a local
 * server speaking RDS's, EC2's and KMS's protocols: the newest snapshot is chosen, the preflight
 * passes, the restore request carries every setting, the copy goes from throttled polls through
 * {@code creating} to {@code available} without failing, its checks run against a real database,
 * the report carries the drift table and cost, and only the tagged scratch instance is deleted.
 * A capacity error fails the test with a message that says what to do, and nothing is deleted.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
@QuarkusTestResource(value = FakeAwsResource.class, restrictToAnnotatedClass = true)
class RdsRestoreTestFlowTest {

    private static final String SOURCE = "orders-prod";
    private static final String COPY = "orders-prod-rt-.*";

    @Inject
    Reconciler reconciler;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Jobs jobs;
    @Inject
    ChannelAnnouncements announcements;
    @Inject
    KubernetesClient kube;

    private FakeAws aws;

    @BeforeEach
    void setUp() throws Exception {
        Operations.endAllActive(dataSource);
        Operations.quietMessages(dataSource);
        announcements.post();
        aws = FakeAwsResource.aws();
        aws.server.resetAll();
        FakeSlackResource.api().reset();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS ts_orders WITH (FORCE)");
            s.execute("CREATE DATABASE ts_orders");
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/ts_orders?user=postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY)");
            s.execute("INSERT INTO orders SELECT generate_series(1, 5)");
        }
        kube.secrets().inNamespace("shop-prod").resource(new SecretBuilder().withNewMetadata().withName("orders-db").endMetadata()
                .addToData("username", b64("postgres")).addToData("password", b64("not-needed-with-trust")).build()).createOr(r -> r.update());
        TestInstance source = TestInstance.production(SOURCE);
        aws.on("DescribeDBInstances", rdsOk("DescribeDBInstances", TestInstance.describeResult(null, source)), "DBInstanceIdentifier=" + SOURCE);
        aws.on("DescribeDBSnapshots", rdsOk("DescribeDBSnapshots", "<DBSnapshots>"
                + TestInstance.snapshotXml("rds:orders-prod-2026-12-02-03-10", SOURCE, "available", "automated", "2026-12-02T03:10:00Z")
                + TestInstance.snapshotXml("orders-prod-manual-old", SOURCE, "available", "manual", "2026-11-20T03:10:00Z")
                + "</DBSnapshots>"));
        aws.kmsKey("1234abcd-12ab-34cd-56ef-1234567890ab", "Enabled");
        aws.on("DescribeDBSubnetGroups", rdsOk("DescribeDBSubnetGroups", "<DBSubnetGroups><DBSubnetGroup><DBSubnetGroupName>"
                + "orders-private</DBSubnetGroupName><VpcId>vpc-0abc</VpcId><SubnetGroupStatus>Complete</SubnetGroupStatus>"
                + "</DBSubnetGroup></DBSubnetGroups>"));
        for (String group : source.securityGroups) {
            aws.on("DescribeSecurityGroups", ec2Ok("DescribeSecurityGroups", "<securityGroupInfo><item><ownerId>111122223333</ownerId>"
                    + "<groupId>" + group + "</groupId><groupName>orders-db</groupName><groupDescription>orders</groupDescription>"
                    + "<vpcId>vpc-0abc</vpcId></item></securityGroupInfo>"), "GroupId.1=" + group);
        }
        aws.on("DescribeAccountAttributes", rdsOk("DescribeAccountAttributes", "<AccountQuotas><AccountQuota><AccountQuotaName>DBInstances"
                + "</AccountQuotaName><Used>3</Used><Max>40</Max></AccountQuota></AccountQuotas>"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The scratch copy as RDS describes it: local PostgreSQL stands in for its endpoint. */
    private static String copyXml(String status, String operation) {
        TestInstance copy = TestInstance.scratch("orders-prod-rt-copy", operation).status(status);
        if ("available".equals(status)) {
            copy.address = "127.0.0.1";
        }
        copy.multiAz = false;
        return rdsOk("DescribeDBInstances", TestInstance.describeResult(null, copy)).build().getBody()
                .replace("orders-prod-rt-copy", "COPY_ID");
    }

    private Operation latestTest() {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find("kind = 'restore-test' AND target = 'orders/restore-test'"
                + " ORDER BY createdAt DESC").firstResult());
    }

    private Operation start() {
        SlackRequests.command("U0ONCALL1", "restore-test orders").statusCode(200);
        return latestTest();
    }

    private Operation drive(Operation op, Runnable between) throws Exception {
        return new OperationDriver(reconciler, dataSource, () -> {
            jobs.runDueNow();
            between.run();
        }).runUntil(op.id, o -> !o.phase.active());
    }

    @Test
    void aRestoreTestOfAnRdsDatabasePassesThroughThrottlingAndDeletesOnlyItsCopy() throws Exception {
        FakeSlackResource.api().setGroupMembers("S0ONCALL", java.util.Set.of("U0ONCALL1"));
        Operation op = start();
        String copy = op.context.get("db.copy");
        assertTrue(copy.matches(COPY), copy);
        String absent = rdsError(404, "DBInstanceNotFound", "not found").build().getBody();
        // the copy: absent, requested, throttled three times, creating, then available until deleted, then gone
        String[] state = {"absent"};
        int[] throttled = {0};
        aws.server.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot")).atPriority(1)
                .willReturn(rdsOk("RestoreDBInstanceFromDBSnapshot", "<DBInstance><DBInstanceIdentifier>" + copy + "</DBInstanceIdentifier></DBInstance>")));
        aws.server.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DeleteDBInstance")).atPriority(1)
                .willReturn(rdsOk("DeleteDBInstance", "<DBInstance><DBInstanceIdentifier>" + copy + "</DBInstanceIdentifier></DBInstance>")));
        Runnable rds = () -> {
            boolean restored = !aws.server.findAll(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot"))).isEmpty();
            boolean deleted = !aws.server.findAll(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DeleteDBInstance"))).isEmpty();
            String body;
            int status = 200;
            if (deleted || !restored) {
                body = absent;
                status = 404;
            } else if (throttled[0] < 4) {
                throttled[0]++;
                body = rdsError(400, throttled[0] % 2 == 0 ? "ThrottlingException" : "Throttling", "Rate exceeded").build().getBody();
                status = 400;
                state[0] = "throttled";
            } else if (!"creating".equals(state[0]) && !"available".equals(state[0])) {
                state[0] = "creating";
                body = copyXml("creating", op.id.toString()).replace("COPY_ID", copy);
            } else {
                state[0] = "available";
                body = copyXml("available", op.id.toString()).replace("COPY_ID", copy);
            }
            aws.server.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeDBInstances"))
                    .withFormParam("DBInstanceIdentifier", equalTo(copy)).atPriority(1)
                    .willReturn(WireMock.aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body)));
        };
        rds.run();
        Operation done = drive(op, rds);

        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason);
        assertEquals(4, throttled[0], "four throttled polls, none failed the restore");
        assertTrue(done.conditions.stream().anyMatch(c -> c.reason().contains("throttling")), "the throttling is shown");
        List<Map<String, String>> restores = aws.requests("RestoreDBInstanceFromDBSnapshot");
        assertEquals(1, restores.size());
        Map<String, String> restore = restores.get(0);
        assertEquals("rds:orders-prod-2026-12-02-03-10", restore.get("DBSnapshotIdentifier"), "the newest snapshot");
        assertEquals(copy, restore.get("DBInstanceIdentifier"));
        assertEquals("orders-pg16", restore.get("DBParameterGroupName"));
        assertEquals("default:postgres-16", restore.get("OptionGroupName"));
        assertEquals("orders-private", restore.get("DBSubnetGroupName"));
        assertEquals("sg-0a1b2c3d4e5f60001", restore.get("VpcSecurityGroupIds.VpcSecurityGroupId.1"));
        assertEquals("false", restore.get("MultiAZ"), "a scratch copy is single-AZ");
        assertEquals("false", restore.get("DeletionProtection"));
        assertEquals("false", restore.get("PubliclyAccessible"));
        assertTrue(restore.containsValue(op.id.toString()), "tagged with the operation");
        List<Map<String, String>> deletes = aws.requests("DeleteDBInstance");
        assertEquals(1, deletes.size());
        assertEquals(copy, deletes.get(0).get("DBInstanceIdentifier"), "only the scratch copy is deleted");

        announcements.post();
        String report = FakeSlackResource.api().calls("chat.postMessage").stream().filter(c -> "C0DR".equals(c.param("channel")))
                .map(c -> c.param("text")).filter(t -> t.contains("`orders`")).findFirst().orElseThrow();
        assertTrue(report.contains("passed"), report);
        assertTrue(report.contains("orders present: expected ≥ 3.0, got 5"), report);
        assertTrue(report.contains("Configuration, source → restored copy"), report);
        assertTrue(report.contains(":warning: Multi-AZ"), "the drift table flags what differs: " + report);
        assertTrue(report.contains("$"), report);
    }

    @Test
    void insufficientCapacityFailsTheTestWithAdviceAndDeletesNothing() throws Exception {
        FakeSlackResource.api().setGroupMembers("S0ONCALL", java.util.Set.of("U0ONCALL1"));
        Operation op = start();
        aws.server.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeDBInstances"))
                .withFormParam("DBInstanceIdentifier", matching(COPY)).atPriority(1)
                .willReturn(rdsError(404, "DBInstanceNotFound", "not found")));
        aws.server.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("RestoreDBInstanceFromDBSnapshot")).atPriority(1)
                .willReturn(rdsError(400, "InsufficientDBInstanceCapacity", "Cannot create a db.r6g.large instance in us-east-1a")));
        Operation done = drive(op, () -> { });

        assertEquals(Phase.FAILED, done.phase);
        assertTrue(done.endReason.contains("instance class"), done.endReason);
        assertEquals(List.of(), aws.requests("DeleteDBInstance"), "the copy never existed, nothing is deleted");
        announcements.post();
        String report = FakeSlackResource.api().calls("chat.postMessage").stream().filter(c -> "C0DR".equals(c.param("channel")))
                .map(c -> c.param("text")).filter(t -> t.contains("`orders`")).findFirst().orElseThrow();
        assertTrue(report.contains("FAILED") && report.contains("<!subteam^S0ONCALL>"), report);
    }
}
