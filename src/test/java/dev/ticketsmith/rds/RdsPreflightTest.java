package dev.ticketsmith.rds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.ticketsmith.rds.FakeAws.ec2Error;
import static dev.ticketsmith.rds.FakeAws.ec2Ok;
import static dev.ticketsmith.rds.FakeAws.rdsError;
import static dev.ticketsmith.rds.FakeAws.rdsOk;
import static dev.ticketsmith.rds.PreflightCheck.Outcome.FAILED;
import static dev.ticketsmith.rds.PreflightCheck.Outcome.OK;
import static dev.ticketsmith.rds.PreflightCheck.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsPreflightTest {

    private static final String KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String SG1 = "sg-0a1b2c3d4e5f60001";
    private static final String SG2 = "sg-0a1b2c3d4e5f60002";
    private FakeAws aws;
    private RdsPreflight preflight;

    @BeforeEach
    void start() {
        aws = new FakeAws();
        preflight = new RdsPreflight(aws.clients);
        aws.kmsKey(KEY, "Enabled");
        aws.on("DescribeDBSubnetGroups", rdsOk("DescribeDBSubnetGroups", "<DBSubnetGroups><DBSubnetGroup><DBSubnetGroupName>"
                + "orders-private</DBSubnetGroupName><VpcId>vpc-0abc</VpcId><SubnetGroupStatus>Complete</SubnetGroupStatus>"
                + "</DBSubnetGroup></DBSubnetGroups>"), "DBSubnetGroupName=orders-private");
        securityGroupExists(SG1);
        securityGroupExists(SG2);
        quota(38, 40);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void everythingInPlacePasses() {
        Preflight result = run();

        assertTrue(result.passed());
        assertEquals(List.of("KMS key " + KEY, "DB subnet group orders-private", "security group " + SG1, "security group " + SG2,
                "instance quota"), result.checks().stream().map(PreflightCheck::name).toList());
        assertTrue(result.checks().stream().allMatch(c -> c.outcome() == OK), result.toString());
        assertEquals("38 of 40 DB instances in use", result.check("instance quota").detail());
    }

    @Test
    void aDisabledKmsKeyFails() {
        aws.kmsKey(KEY, "Disabled");

        PreflightCheck key = run().check("KMS key " + KEY);

        assertEquals(FAILED, key.outcome());
        assertTrue(key.detail().contains("is Disabled, not Enabled"), key.detail());
    }

    @Test
    void aKmsKeyPendingDeletionFails() {
        aws.kmsKey(KEY, "PendingDeletion");

        assertEquals(FAILED, run().check("KMS key " + KEY).outcome());
    }

    @Test
    void aMissingSecurityGroupFailsNamingIt() {
        aws.on("DescribeSecurityGroups", ec2Error(400, "InvalidGroup.NotFound", "The security group '" + SG2 + "' does not exist"),
                "GroupId.1=" + SG2);

        Preflight result = run();

        assertFalse(result.passed());
        assertEquals(OK, result.check("security group " + SG1).outcome());
        PreflightCheck missing = result.check("security group " + SG2);
        assertEquals(FAILED, missing.outcome());
        assertEquals("VPC security group " + SG2 + " does not exist: fix the catalogue's security groups (InvalidGroup.NotFound)",
                missing.detail());
    }

    @Test
    void aMissingSubnetGroupFails() {
        aws.on("DescribeDBSubnetGroups", rdsError(404, "DBSubnetGroupNotFoundFault", "DBSubnetGroup orders-private not found."),
                "DBSubnetGroupName=orders-private");

        assertEquals(FAILED, run().check("DB subnet group orders-private").outcome());
    }

    @Test
    void anExhaustedInstanceQuotaFails() {
        quota(40, 40);

        Preflight result = run();

        assertEquals(List.of("instance quota"), result.failed().stream().map(PreflightCheck::name).toList());
        assertTrue(result.check("instance quota").detail().startsWith("all 40 DB instances of the account's quota are in use"));
    }

    @Test
    void accessDeniedIsUnknownAndNotAFailure() {
        aws.kmsError(400, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/ticketsmith/bot is not authorized to perform: kms:DescribeKey");
        aws.on("DescribeSecurityGroups", ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."),
                "GroupId.1=" + SG1);
        aws.on("DescribeAccountAttributes", rdsError(403, "AccessDenied", "not authorized to perform: rds:DescribeAccountAttributes"));

        Preflight result = run();

        assertTrue(result.passed());
        assertEquals(List.of("KMS key " + KEY, "security group " + SG1, "instance quota"),
                result.unknown().stream().map(PreflightCheck::name).toList());
        assertEquals(UNKNOWN, result.check("KMS key " + KEY).outcome());
        assertTrue(result.check("KMS key " + KEY).detail().startsWith("could not check: "), result.check("KMS key " + KEY).detail());
        assertTrue(result.check("KMS key " + KEY).detail().contains("kms:DescribeKey"));
    }

    private Preflight run() {
        return preflight.check(Optional.of(KEY), "orders-private", List.of(SG1, SG2));
    }

    private void securityGroupExists(String group) {
        aws.on("DescribeSecurityGroups", ec2Ok("DescribeSecurityGroups", "<securityGroupInfo><item><ownerId>111122223333</ownerId>"
                + "<groupId>" + group + "</groupId><groupName>orders-db</groupName><groupDescription>orders database</groupDescription>"
                + "<vpcId>vpc-0abc</vpcId></item></securityGroupInfo>"), "GroupId.1=" + group);
    }

    private void quota(int used, int max) {
        aws.on("DescribeAccountAttributes", rdsOk("DescribeAccountAttributes", "<AccountQuotas>"
                + "<AccountQuota><AccountQuotaName>DBInstances</AccountQuotaName><Used>" + used + "</Used><Max>" + max + "</Max></AccountQuota>"
                + "<AccountQuota><AccountQuotaName>AllocatedStorage</AccountQuotaName><Used>4000</Used><Max>100000</Max></AccountQuota>"
                + "</AccountQuotas>"));
    }
}
