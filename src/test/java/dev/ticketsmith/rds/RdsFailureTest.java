package dev.ticketsmith.rds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.serviceUnavailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsFailureTest {

    @ParameterizedTest
    @CsvSource({
            "Throttling, 400, THROTTLED",
            "ThrottlingException, 400, THROTTLED",
            "RequestLimitExceeded, 503, THROTTLED",
            "TooManyRequestsException, 429, THROTTLED",
            ", 429, THROTTLED",
            ", 503, TRANSIENT",
            "InternalFailure, 500, TRANSIENT",
            "DBInstanceNotFound, 404, NOT_FOUND",
            "DBSnapshotNotFound, 404, NOT_FOUND",
            "InvalidGroup.NotFound, 400, NOT_FOUND",
            "InsufficientDBInstanceCapacity, 400, CAPACITY",
            "InstanceQuotaExceeded, 400, QUOTA",
            "StorageQuotaExceeded, 400, QUOTA",
            "AccessDenied, 403, ACCESS_DENIED",
            "AccessDeniedException, 400, ACCESS_DENIED",
            "UnauthorizedOperation, 403, ACCESS_DENIED",
            "DBInstanceAlreadyExists, 400, CONFLICT",
            "InvalidDBInstanceState, 400, INVALID",
            "InvalidParameterCombination, 400, INVALID",
            "DBSubnetGroupNotAllowedFault, 400, INVALID"
    })
    void sortsErrorCodesIntoKinds(String code, int status, AwsFailure.Kind kind) {
        assertEquals(kind, AwsFailure.kindOf(code, status, false));
    }

    @Test
    void aServiceUnavailablePageIsTransientAndKeepsTheStatus() {
        try (FakeAws aws = new FakeAws()) {
            aws.on("DescribeDBInstances", serviceUnavailable());

            AwsFailure failure = assertThrows(AwsFailure.class, () -> new RdsInstances(aws.clients).instance("orders-prod"));

            assertEquals(AwsFailure.Kind.TRANSIENT, failure.kind());
            assertEquals(503, failure.status());
            assertTrue(failure.retryLater());
        }
    }

    @Test
    void anRdsErrorKeepsItsCodeAndMessageAndNamesTheCall() {
        try (FakeAws aws = new FakeAws()) {
            aws.on("DescribeDBInstances", rdsError(400, "InvalidParameterValue", "Invalid database identifier: orders_prod"));

            AwsFailure failure = assertThrows(AwsFailure.class, () -> new RdsInstances(aws.clients).instance("orders_prod"));

            assertEquals(AwsFailure.Kind.INVALID, failure.kind());
            assertEquals("InvalidParameterValue", failure.code());
            assertEquals("Invalid database identifier: orders_prod", failure.awsMessage());
            assertEquals("looking up RDS instance orders_prod failed: InvalidParameterValue: Invalid database identifier: orders_prod",
                    failure.getMessage());
            assertFalse(failure.getMessage().contains("AKIDEXAMPLE"));
        }
    }

    @Test
    void anUnreachableEndpointIsTransient() {
        FakeAws aws = new FakeAws();
        RdsInstances instances = new RdsInstances(aws.clients);
        aws.close();

        AwsFailure failure = assertThrows(AwsFailure.class, () -> instances.instance("orders-prod"));

        assertEquals(AwsFailure.Kind.TRANSIENT, failure.kind());
        assertEquals(0, failure.status());
    }
}
