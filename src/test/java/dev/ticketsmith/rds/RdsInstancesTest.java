package dev.ticketsmith.rds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsInstancesTest {

    private static final Map<String, String> OPERATION_TAGS = Map.of(RdsTags.OPERATION, "op-71", RdsTags.PURPOSE, RdsTags.RESTORE_TEST);
    private FakeAws aws;
    private RdsInstances instances;

    @BeforeEach
    void start() {
        aws = new FakeAws();
        instances = new RdsInstances(aws.clients);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void readsEverySettingOfAnInstance() {
        TestInstance prod = TestInstance.production("orders-prod");
        describes(prod);

        assertEquals(Optional.of(prod.toDbInstance()), instances.instance("orders-prod"));
    }

    @Test
    void anInstanceRdsDoesNotKnowIsEmpty() {
        aws.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance orders-gone not found."));

        assertEquals(Optional.empty(), instances.instance("orders-gone"));
    }

    @Test
    void aRestoreSetsEverySettingExplicitlyAndInheritsWhatTheCatalogueLeavesOpen() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsOk("RestoreDBInstanceFromDBSnapshot",
                TestInstance.scratch("orders-rt-71", "op-71").status("creating").xml()));
        DbInstance source = TestInstance.production("orders-prod").toDbInstance();
        RestoreSpec spec = RestoreSpec.inheritedFrom(source, "rds:orders-prod-2026-03-01-03-10", "orders-rt-71",
                new RestoreOverrides(Optional.of("db.t4g.medium"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(false), Optional.of(false)), OPERATION_TAGS);

        instances.restoreFromSnapshot(spec);

        Map<String, String> form = aws.requests("RestoreDBInstanceFromDBSnapshot").get(0);
        assertEquals("rds:orders-prod-2026-03-01-03-10", form.get("DBSnapshotIdentifier"));
        assertEquals("orders-rt-71", form.get("DBInstanceIdentifier"));
        assertEquals("db.t4g.medium", form.get("DBInstanceClass"), "the catalogue's override wins");
        assertEquals("orders-pg16", form.get("DBParameterGroupName"), "inherited from the source");
        assertEquals("default:postgres-16", form.get("OptionGroupName"));
        assertEquals("sg-0a1b2c3d4e5f60001", form.get("VpcSecurityGroupIds.VpcSecurityGroupId.1"));
        assertEquals("sg-0a1b2c3d4e5f60002", form.get("VpcSecurityGroupIds.VpcSecurityGroupId.2"));
        assertEquals("orders-private", form.get("DBSubnetGroupName"));
        assertEquals("false", form.get("MultiAZ"));
        assertEquals("false", form.get("DeletionProtection"));
        assertEquals("false", form.get("PubliclyAccessible"));
        assertEquals("true", form.get("CopyTagsToSnapshot"));
        assertEquals("rds-ca-rsa2048-g1", form.get("CACertificateIdentifier"));
        assertEquals(Map.of(RdsTags.MANAGED, "true", RdsTags.OPERATION, "op-71", RdsTags.PURPOSE, RdsTags.RESTORE_TEST), tags(form));
    }

    @Test
    void withoutOverridesARestoreCopiesTheSourceSettings() {
        aws.on("RestoreDBInstanceToPointInTime", rdsOk("RestoreDBInstanceToPointInTime",
                TestInstance.scratch("orders-rt-72", "op-72").status("creating").xml()));
        DbInstance source = TestInstance.production("orders-prod").toDbInstance();

        instances.restoreToPointInTime(RestoreSpec.inheritedFrom(source, null, "orders-rt-72", RestoreOverrides.none(),
                Map.of(RdsTags.OPERATION, "op-72", RdsTags.PURPOSE, RdsTags.RESTORE)), Optional.empty());

        Map<String, String> form = aws.requests("RestoreDBInstanceToPointInTime").get(0);
        assertEquals("orders-prod", form.get("SourceDBInstanceIdentifier"));
        assertEquals("orders-rt-72", form.get("TargetDBInstanceIdentifier"));
        assertEquals("true", form.get("UseLatestRestorableTime"));
        assertNull(form.get("RestoreTime"));
        assertEquals("db.r6g.large", form.get("DBInstanceClass"));
        assertEquals("orders-pg16", form.get("DBParameterGroupName"));
        assertEquals("true", form.get("MultiAZ"));
        assertEquals("true", form.get("DeletionProtection"));
        assertEquals("orders-private", form.get("DBSubnetGroupName"));
        assertEquals("restore", tags(form).get(RdsTags.PURPOSE));
    }

    @Test
    void aPointInTimeRestoreNamesTheTime() {
        aws.on("RestoreDBInstanceToPointInTime", rdsOk("RestoreDBInstanceToPointInTime",
                TestInstance.scratch("orders-rt-73", "op-73").status("creating").xml()));
        DbInstance source = TestInstance.production("orders-prod").toDbInstance();

        instances.restoreToPointInTime(RestoreSpec.inheritedFrom(source, null, "orders-rt-73", RestoreOverrides.none(), OPERATION_TAGS),
                Optional.of(Instant.parse("2026-03-01T10:30:00Z")));

        Map<String, String> form = aws.requests("RestoreDBInstanceToPointInTime").get(0);
        assertEquals("2026-03-01T10:30:00Z", form.get("RestoreTime"));
        assertNull(form.get("UseLatestRestorableTime"));
    }

    @Test
    void noCapacityForTheInstanceClassSaysToTryAnotherClassOrZone() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsError(400, "InsufficientDBInstanceCapacity",
                "Cannot create a database instance because there is no capacity for db.r6g.large in us-east-1a."));

        AwsFailure failure = assertThrows(AwsFailure.class, () -> instances.restoreFromSnapshot(spec("orders-rt-74", "op-74")));

        assertEquals(AwsFailure.Kind.CAPACITY, failure.kind());
        assertEquals("InsufficientDBInstanceCapacity", failure.code());
        assertFalse(failure.retryLater());
        assertTrue(failure.getMessage().contains("no capacity for db.r6g.large"), failure.getMessage());
        assertTrue(failure.getMessage().contains("try another instance class"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Availability Zone"), failure.getMessage());
    }

    @Test
    void repeatingARestoreOfTheSameOperationSucceeds() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsError(400, "DBInstanceAlreadyExists", "DB instance already exists"));
        describes(TestInstance.scratch("orders-rt-75", "op-75").status("creating"));

        instances.restoreFromSnapshot(spec("orders-rt-75", "op-75"));
    }

    @Test
    void aNameTakenByAnotherInstanceIsAClearFailure() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsError(400, "DBInstanceAlreadyExists", "DB instance already exists"));
        describes(TestInstance.production("orders-rt-76"));

        AwsFailure failure = assertThrows(AwsFailure.class, () -> instances.restoreFromSnapshot(spec("orders-rt-76", "op-76")));

        assertEquals(AwsFailure.Kind.CONFLICT, failure.kind());
        assertTrue(failure.getMessage().contains("already exists and TICKETSMITH did not create it"), failure.getMessage());
    }

    @Test
    void anotherOperationsInstanceIsNotTakenOver() {
        aws.on("RestoreDBInstanceFromDBSnapshot", rdsError(400, "DBInstanceAlreadyExists", "DB instance already exists"));
        describes(TestInstance.scratch("orders-rt-77", "op-12"));

        AwsFailure failure = assertThrows(AwsFailure.class, () -> instances.restoreFromSnapshot(spec("orders-rt-77", "op-77")));

        assertTrue(failure.getMessage().contains("belongs to operation op-12"), failure.getMessage());
    }

    private RestoreSpec spec(String newId, String operation) {
        return RestoreSpec.inheritedFrom(TestInstance.production("orders-prod").toDbInstance(), "orders-prod-manual-1", newId,
                RestoreOverrides.none(), Map.of(RdsTags.OPERATION, operation, RdsTags.PURPOSE, RdsTags.RESTORE_TEST));
    }

    private void describes(TestInstance instance) {
        aws.on("DescribeDBInstances", rdsOk("DescribeDBInstances", TestInstance.describeResult(null, instance)),
                "DBInstanceIdentifier=" + instance.id);
    }

    static Map<String, String> tags(Map<String, String> form) {
        Map<String, String> tags = new java.util.TreeMap<>();
        for (int n = 1; form.containsKey("Tags.Tag." + n + ".Key"); n++) {
            tags.put(form.get("Tags.Tag." + n + ".Key"), form.get("Tags.Tag." + n + ".Value"));
        }
        return tags;
    }

    /** The actions received, oldest first (WireMock lists its serve events newest first). */
    static List<String> actions(FakeAws aws) {
        List<String> actions = new java.util.ArrayList<>(aws.server.getAllServeEvents().stream()
                .map(e -> e.getRequest().formParameter("Action").firstValue()).toList());
        java.util.Collections.reverse(actions);
        return actions;
    }
}
