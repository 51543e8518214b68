package dev.ticketsmith.rds;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static dev.ticketsmith.rds.FakeAws.serviceUnavailable;
import static dev.ticketsmith.rds.TestInstance.snapshotXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits checked once per tick, with "minutes" passing through the {@code now} each check is given. */
class RdsWaitTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LIMIT = Duration.ofHours(2);
    private FakeAws aws;
    private InstanceWait instanceWait;
    private SnapshotWait snapshotWait;

    @BeforeEach
    void start() {
        aws = new FakeAws();
        instanceWait = new InstanceWait(new RdsInstances(aws.clients));
        snapshotWait = new SnapshotWait(new RdsSnapshots(aws.clients));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void anInstanceGoesFromCreatingThroughBackingUpToAvailableWithItsEndpoint() {
        aws.onSuccessive("DescribeDBInstances", List.of(describing(scratch().status("creating")),
                describing(scratch().status("backing-up")), describing(scratch())), "DBInstanceIdentifier=orders-rt-71");

        WaitResult<DbInstance> first = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plusSeconds(30), 0);
        WaitResult<DbInstance> second = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(20)), 0);
        WaitResult<DbInstance> third = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(25)), 0);

        assertEquals(new WaitResult.Pending<DbInstance>("creating", Duration.ofSeconds(30)), first);
        assertEquals(new WaitResult.Pending<DbInstance>("backing-up", Duration.ofSeconds(30)), second);
        assertInstanceOf(WaitResult.Available.class, third);
        DbInstance ready = ((WaitResult.Available<DbInstance>) third).value();
        assertEquals("orders-rt-71.c9akciq32.us-east-1.rds.amazonaws.com", ready.endpointAddress());
        assertEquals(5432, ready.endpointPort());
    }

    @Test
    void throttlingForManyMinutesIsNeverAFailureAndBacksOffUntilAvailable() {
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(rdsError(400, "Throttling", "Rate exceeded"));
            answers.add(rdsError(400, "ThrottlingException", "Rate exceeded"));
            answers.add(serviceUnavailable());
        }
        answers.add(describing(scratch()));
        aws.onSuccessive("DescribeDBInstances", answers, "DBInstanceIdentifier=orders-rt-71");

        Instant now = STARTED;
        int throttled = 0;
        List<Duration> delays = new ArrayList<>();
        WaitResult<DbInstance> result;
        while ((result = instanceWait.check("orders-rt-71", STARTED, LIMIT, now, throttled)) instanceof WaitResult.Throttled<DbInstance> t) {
            delays.add(t.recheckIn());
            throttled++;
            now = now.plus(t.recheckIn());
        }

        assertInstanceOf(WaitResult.Available.class, result);
        assertEquals(12, delays.size());
        assertEquals(13, aws.requests("DescribeDBInstances").size(), "one attempt per check: the SDK itself does not retry");
        assertTrue(Duration.between(STARTED, now).toMinutes() >= 10, "throttled for " + Duration.between(STARTED, now));
        assertTrue(delays.get(0).compareTo(Duration.ofSeconds(5)) <= 0 && delays.get(0).compareTo(Duration.ofMillis(3750)) >= 0);
        for (int i = 1; i < 5; i++) {
            assertTrue(delays.get(i).compareTo(delays.get(i - 1)) > 0, "delays grow: " + delays);
        }
        assertTrue(Collections.max(delays).compareTo(Backoff.CAP) <= 0, "capped: " + delays);
        assertTrue(delays.get(11).compareTo(Duration.ofSeconds(90)) >= 0, "at the cap: " + delays);
    }

    @Test
    void aWaitPastItsLimitTimesOutNamingTheLimitAndTheLastStatus() {
        aws.on("DescribeDBInstances", describing(scratch().status("modifying")), "DBInstanceIdentifier=orders-rt-71");

        WaitResult<DbInstance> result = instanceWait.check("orders-rt-71", STARTED, Duration.ofMinutes(90), STARTED.plus(Duration.ofMinutes(91)), 0);

        String message = assertInstanceOf(WaitResult.TimedOut.class, result).message();
        assertTrue(message.contains("within the limit of 1h30m"), message);
        assertTrue(message.contains("last status was modifying"), message);
    }

    @Test
    void throttlingPastTheLimitTimesOutToo() {
        aws.on("DescribeDBInstances", rdsError(400, "Throttling", "Rate exceeded"));

        WaitResult<DbInstance> result = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofHours(3)), 40);

        assertTrue(assertInstanceOf(WaitResult.TimedOut.class, result).message().contains("within the limit of 2h"));
    }

    @Test
    void aFailedStatusFailsAtOnceAndSaysWhatItMeans() {
        aws.on("DescribeDBInstances", describing(scratch().status("incompatible-parameters")));

        WaitResult<DbInstance> result = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(12)), 0);

        String message = assertInstanceOf(WaitResult.Failed.class, result).message();
        assertTrue(message.startsWith("RDS instance orders-rt-71 is incompatible-parameters: its parameter group"), message);
    }

    @Test
    void anInstanceThatVanishesFailsButOneNotYetVisibleIsPending() {
        aws.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance orders-rt-71 not found."));

        WaitResult<DbInstance> early = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plusSeconds(10), 0);
        WaitResult<DbInstance> later = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(30)), 0);

        assertEquals("not visible yet", assertInstanceOf(WaitResult.Pending.class, early).status());
        assertTrue(assertInstanceOf(WaitResult.Failed.class, later).message().contains("no longer exists"));
    }

    @Test
    void accessDeniedIsAFailureNotAWait() {
        aws.on("DescribeDBInstances", rdsError(403, "AccessDenied", "User is not authorized to perform: rds:DescribeDBInstances"));

        WaitResult<DbInstance> result = instanceWait.check("orders-rt-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(5)), 0);

        assertTrue(assertInstanceOf(WaitResult.Failed.class, result).message().contains("not authorized"));
    }

    @Test
    void aSnapshotGoesFromCreatingToAvailable() {
        aws.onSuccessive("DescribeDBSnapshots", List.of(
                snapshots(snapshotXml("orders-pre-op-71", "orders-prod", "creating", "manual", "2026-03-01T12:00:05Z")),
                snapshots(snapshotXml("orders-pre-op-71", "orders-prod", "available", "manual", "2026-03-01T12:00:05Z"))));

        WaitResult<Snapshot> first = snapshotWait.check("orders-pre-op-71", STARTED, LIMIT, STARTED.plusSeconds(40), 0);
        WaitResult<Snapshot> second = snapshotWait.check("orders-pre-op-71", STARTED, LIMIT, STARTED.plus(Duration.ofMinutes(8)), 0);

        assertEquals("creating", assertInstanceOf(WaitResult.Pending.class, first).status());
        assertTrue(first.waiting());
        assertEquals("orders-pre-op-71", ((WaitResult.Available<Snapshot>) second).value().id());
    }

    @Test
    void aFailedOrMissingSnapshotFails() {
        aws.on("DescribeDBSnapshots", snapshots(snapshotXml("orders-pre-op-72", "orders-prod", "failed", "manual", null)),
                "DBSnapshotIdentifier=orders-pre-op-72");
        aws.on("DescribeDBSnapshots", rdsError(404, "DBSnapshotNotFound", "DBSnapshot orders-pre-op-73 not found."),
                "DBSnapshotIdentifier=orders-pre-op-73");
        Instant now = STARTED.plus(Duration.ofMinutes(5));

        WaitResult<Snapshot> failed = snapshotWait.check("orders-pre-op-72", STARTED, LIMIT, now, 0);
        WaitResult<Snapshot> missing = snapshotWait.check("orders-pre-op-73", STARTED, LIMIT, now, 0);

        assertEquals("RDS snapshot orders-pre-op-72 is failed: RDS could not create it", assertInstanceOf(WaitResult.Failed.class, failed).message());
        assertEquals("RDS snapshot orders-pre-op-73 no longer exists: it was deleted while we waited for it",
                assertInstanceOf(WaitResult.Failed.class, missing).message());
    }

    private static TestInstance scratch() {
        return TestInstance.scratch("orders-rt-71", "op-71");
    }

    private static ResponseDefinitionBuilder describing(TestInstance instance) {
        return rdsOk("DescribeDBInstances", TestInstance.describeResult(null, instance));
    }

    private static ResponseDefinitionBuilder snapshots(String xml) {
        return rdsOk("DescribeDBSnapshots", "<DBSnapshots>" + xml + "</DBSnapshots>");
    }
}
