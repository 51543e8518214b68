package dev.ticketsmith.rds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static dev.ticketsmith.rds.TestInstance.snapshotXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsSnapshotsTest {

    private FakeAws aws;
    private RdsSnapshots snapshots;

    @BeforeEach
    void start() {
        aws = new FakeAws();
        snapshots = new RdsSnapshots(aws.clients);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void takesATaggedManualSnapshot() {
        aws.on("CreateDBSnapshot", rdsOk("CreateDBSnapshot", snapshotXml("orders-pre-op-90", "orders-prod", "creating", "manual", null)));

        Snapshot snapshot = snapshots.createSnapshot("orders-prod", "orders-pre-op-90", Map.of(RdsTags.OPERATION, "op-90"));

        assertEquals("creating", snapshot.status());
        assertEquals(40, snapshot.percentProgress());
        Map<String, String> form = aws.requests("CreateDBSnapshot").get(0);
        assertEquals("orders-prod", form.get("DBInstanceIdentifier"));
        assertEquals("orders-pre-op-90", form.get("DBSnapshotIdentifier"));
        assertEquals(Map.of(RdsTags.MANAGED, "true", RdsTags.OPERATION, "op-90"), RdsInstancesTest.tags(form));
    }

    @Test
    void takingTheSameSnapshotAgainReturnsTheExistingOne() {
        aws.on("CreateDBSnapshot", rdsError(400, "DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier orders-pre-op-91 already exists."));
        describesSnapshot("orders-pre-op-91", snapshotXml("orders-pre-op-91", "orders-prod", "available", "manual", "2026-03-01T10:00:00Z"));

        Snapshot snapshot = snapshots.createSnapshot("orders-prod", "orders-pre-op-91", Map.of());

        assertEquals("available", snapshot.status());
        assertEquals("orders-prod", snapshot.instanceId());
    }

    @Test
    void aSnapshotNameTakenByAnotherInstanceFails() {
        aws.on("CreateDBSnapshot", rdsError(400, "DBSnapshotAlreadyExists", "already exists"));
        describesSnapshot("orders-pre-op-92", snapshotXml("orders-pre-op-92", "billing-prod", "available", "manual", "2026-03-01T10:00:00Z"));

        AwsFailure failure = assertThrows(AwsFailure.class, () -> snapshots.createSnapshot("orders-prod", "orders-pre-op-92", Map.of()));

        assertEquals(AwsFailure.Kind.CONFLICT, failure.kind());
        assertTrue(failure.getMessage().contains("already exists for another instance (billing-prod)"), failure.getMessage());
    }

    @Test
    void aSnapshotRdsDoesNotKnowIsEmpty() {
        aws.on("DescribeDBSnapshots", rdsError(404, "DBSnapshotNotFound", "DBSnapshot orders-nope not found."));

        assertEquals(Optional.empty(), snapshots.snapshot("orders-nope"));
    }

    @Test
    void restoringAMissingSnapshotIsANotFoundFailureNamingIt() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsError(404, "DBSnapshotNotFound", "DBSnapshot orders-nope not found."));
        RestoreSpec spec = RestoreSpec.inheritedFrom(TestInstance.production("orders-prod").toDbInstance(), "orders-nope", "orders-rt-93",
                RestoreOverrides.none(), Map.of(RdsTags.OPERATION, "op-93"));

        AwsFailure failure = assertThrows(AwsFailure.class, () -> new RdsInstances(aws.clients).restoreFromSnapshot(spec));

        assertEquals(AwsFailure.Kind.NOT_FOUND, failure.kind());
        assertEquals("restore of snapshot orders-nope into RDS instance orders-rt-93 failed: DBSnapshotNotFound: "
                + "DBSnapshot orders-nope not found.", failure.getMessage());
    }

    @Test
    void theLatestSnapshotIsTheNewestAvailableOneOfEitherTypeAcrossPages() {
        aws.on("DescribeDBSnapshots", rdsOk("DescribeDBSnapshots", "<DBSnapshots>"
                + snapshotXml("rds:orders-prod-2026-02-28-03-10", "orders-prod", "available", "automated", "2026-02-28T03:10:00Z")
                + snapshotXml("orders-manual-old", "orders-prod", "available", "manual", "2026-02-20T12:00:00Z")
                + "</DBSnapshots><Marker>page-2</Marker>"), "DBInstanceIdentifier=orders-prod");
        aws.on("DescribeDBSnapshots", rdsOk("DescribeDBSnapshots", "<DBSnapshots>"
                + snapshotXml("orders-manual-new", "orders-prod", "available", "manual", "2026-03-01T09:00:00Z")
                + snapshotXml("orders-manual-running", "orders-prod", "creating", "manual", "2026-03-01T11:00:00Z")
                + snapshotXml("rds:orders-prod-2026-03-01-03-10", "orders-prod", "available", "automated", "2026-03-01T03:10:00Z")
                + "</DBSnapshots>"), "DBInstanceIdentifier=orders-prod", "Marker=page-2");

        assertEquals("orders-manual-new", snapshots.latestSnapshot("orders-prod").orElseThrow().id());
    }

    @Test
    void anInstanceWithoutSnapshotsHasNoLatest() {
        aws.on("DescribeDBSnapshots", rdsOk("DescribeDBSnapshots", "<DBSnapshots></DBSnapshots>"));

        assertEquals(Optional.empty(), snapshots.latestSnapshot("orders-new"));
    }

    private void describesSnapshot(String id, String xml) {
        aws.on("DescribeDBSnapshots", rdsOk("DescribeDBSnapshots", "<DBSnapshots>" + xml + "</DBSnapshots>"), "DBSnapshotIdentifier=" + id);
    }
}
