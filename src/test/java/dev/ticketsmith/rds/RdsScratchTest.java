package dev.ticketsmith.rds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweeper's side: only scratch instances of restore tests are ever deleted. */
class RdsScratchTest {

    private FakeAws aws;
    private RdsInstances instances;

    @BeforeEach
    void start() {
        aws = new FakeAws();
        instances = new RdsInstances(aws.clients);
        aws.on("DeleteDBInstance", rdsOk("DeleteDBInstance", TestInstance.scratch("x", "op").status("deleting").xml()));
        aws.on("ModifyDBInstance", rdsOk("ModifyDBInstance", TestInstance.scratch("x", "op").xml()));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aProductionInstanceIsRefusedAndNeverReachesDelete() {
        describes(TestInstance.production("orders-prod"));

        NotScratchException refused = assertThrows(NotScratchException.class, () -> instances.deleteScratch("orders-prod"));

        assertTrue(refused.getMessage().startsWith("Refusing to delete RDS instance orders-prod"), refused.getMessage());
        assertEquals(List.of(), aws.requests("DeleteDBInstance"));
        assertEquals(List.of(), aws.requests("ModifyDBInstance"));
    }

    @Test
    void aManagedInstanceOfARealRestoreIsRefusedToo() {
        TestInstance restored = TestInstance.scratch("orders-restored", "op-80");
        restored.tags.put(RdsTags.PURPOSE, RdsTags.RESTORE);
        describes(restored);

        assertThrows(NotScratchException.class, () -> instances.deleteScratch("orders-restored"));
        assertEquals(List.of(), aws.requests("DeleteDBInstance"));
    }

    @Test
    void aScratchInstanceIsDeletedWithoutFinalSnapshotOrBackups() {
        describes(TestInstance.scratch("orders-rt-81", "op-81"));

        instances.deleteScratch("orders-rt-81");

        Map<String, String> form = aws.requests("DeleteDBInstance").get(0);
        assertEquals("orders-rt-81", form.get("DBInstanceIdentifier"));
        assertEquals("true", form.get("SkipFinalSnapshot"));
        assertEquals("true", form.get("DeleteAutomatedBackups"));
        assertEquals(List.of(), aws.requests("ModifyDBInstance"));
    }

    @Test
    void deletionProtectionOfAScratchInstanceIsTurnedOffFirst() {
        TestInstance scratch = TestInstance.scratch("orders-rt-82", "op-82");
        scratch.deletionProtection = true;
        describes(scratch);

        instances.deleteScratch("orders-rt-82");

        Map<String, String> modify = aws.requests("ModifyDBInstance").get(0);
        assertEquals("false", modify.get("DeletionProtection"));
        assertEquals("true", modify.get("ApplyImmediately"));
        assertEquals(List.of("DescribeDBInstances", "ModifyDBInstance", "DeleteDBInstance"), RdsInstancesTest.actions(aws));
    }

    @Test
    void anInstanceAlreadyGoneOrDeletingIsSuccess() {
        aws.on("DescribeDBInstances", rdsError(404, "DBInstanceNotFound", "DBInstance orders-rt-83 not found."),
                "DBInstanceIdentifier=orders-rt-83");
        describes(TestInstance.scratch("orders-rt-84", "op-84").status("deleting"));

        instances.deleteScratch("orders-rt-83");
        instances.deleteScratch("orders-rt-84");

        assertEquals(List.of(), aws.requests("DeleteDBInstance"));
    }

    @Test
    void aDeleteThatRacesAnotherDeleteIsSuccess() {
        aws.onSuccessive("DescribeDBInstances", List.of(
                rdsOk("DescribeDBInstances", TestInstance.describeResult(null, TestInstance.scratch("orders-rt-85", "op-85"))),
                rdsOk("DescribeDBInstances", TestInstance.describeResult(null,
                        TestInstance.scratch("orders-rt-85", "op-85").status("deleting")))), "DBInstanceIdentifier=orders-rt-85");
        aws.on("DeleteDBInstance", rdsError(400, "InvalidDBInstanceState", "Instance orders-rt-85 is already being deleted."));

        instances.deleteScratch("orders-rt-85");
    }

    @Test
    void theSweeperListsOnlyScratchInstancesAcrossPages() {
        aws.on("DescribeDBInstances", rdsOk("DescribeDBInstances", TestInstance.describeResult("page-2",
                TestInstance.production("orders-prod"), TestInstance.scratch("orders-rt-86", "op-86"))));
        TestInstance restored = TestInstance.scratch("orders-restored", "op-87");
        restored.tags.put(RdsTags.PURPOSE, RdsTags.RESTORE);
        aws.on("DescribeDBInstances", rdsOk("DescribeDBInstances", TestInstance.describeResult(null,
                restored, TestInstance.scratch("billing-rt-88", "op-88"))), "Marker=page-2");

        List<String> ids = instances.scratchInstances().stream().map(DbInstance::id).toList();

        assertEquals(List.of("orders-rt-86", "billing-rt-88"), ids);
        assertEquals(2, aws.requests("DescribeDBInstances").size());
    }

    private void describes(TestInstance instance) {
        aws.on("DescribeDBInstances", rdsOk("DescribeDBInstances", TestInstance.describeResult(null, instance)),
                "DBInstanceIdentifier=" + instance.id);
    }
}
