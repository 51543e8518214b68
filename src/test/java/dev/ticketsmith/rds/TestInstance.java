package dev.ticketsmith.rds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds DB instances for tests, a production PostgreSQL instance unless told otherwise, and their RDS XML. */
final class TestInstance {

    String id;
    String status = "available";
    String address;
    Integer port = 5432;
    String instanceClass = "db.r6g.large";
    String parameterGroup = "orders-pg16";
    String optionGroup = "default:postgres-16";
    List<String> securityGroups = List.of("sg-0a1b2c3d4e5f60001", "sg-0a1b2c3d4e5f60002");
    String subnetGroup = "orders-private";
    boolean multiAz = true;
    boolean deletionProtection = true;
    String caCertificate = "rds-ca-rsa2048-g1";
    String kmsKeyId = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    Map<String, String> tags = new TreeMap<>(Map.of("team", "orders", "cost-center", "cc-42"));

    private TestInstance(String id) {
        this.id = id;
        this.address = id + ".c9akciq32.us-east-1.rds.amazonaws.com";
    }

    static TestInstance production(String id) {
        return new TestInstance(id);
    }

    /** A restore test's scratch instance created by {@code operation}. */
    static TestInstance scratch(String id, String operation) {
        TestInstance scratch = new TestInstance(id);
        scratch.multiAz = false;
        scratch.deletionProtection = false;
        scratch.tags.put(RdsTags.MANAGED, "true");
        scratch.tags.put(RdsTags.PURPOSE, RdsTags.RESTORE_TEST);
        scratch.tags.put(RdsTags.OPERATION, operation);
        return scratch;
    }

    TestInstance status(String status) {
        this.status = status;
        if (!"available".equals(status) && !"backing-up".equals(status)) {
            address = null;
        }
        return this;
    }

    DbInstance toDbInstance() {
        return new DbInstance(id, status, address, address == null ? null : port, instanceClass, "postgres", "16.4", 200, true,
                kmsKeyId, Instant.parse("2026-03-01T11:55:00Z"), 7, parameterGroup, optionGroup, securityGroups, subnetGroup,
                multiAz, deletionProtection, caCertificate, true, tags, Instant.parse("2024-05-01T09:00:00Z"), "orders", "orders_admin");
    }

    /** One {@code <DBInstance>} element as DescribeDBInstances returns it. */
    String xml() {
        StringBuilder x = new StringBuilder("<DBInstance>");
        x.append(el("DBInstanceIdentifier", id)).append(el("DBInstanceStatus", status)).append(el("DBInstanceClass", instanceClass))
                .append(el("Engine", "postgres")).append(el("EngineVersion", "16.4")).append(el("AllocatedStorage", "200"))
                .append(el("StorageEncrypted", "true")).append(el("KmsKeyId", kmsKeyId))
                .append(el("LatestRestorableTime", "2026-03-01T11:55:00Z")).append(el("BackupRetentionPeriod", "7"))
                .append(el("MultiAZ", String.valueOf(multiAz))).append(el("DeletionProtection", String.valueOf(deletionProtection)))
                .append(el("CACertificateIdentifier", caCertificate)).append(el("CopyTagsToSnapshot", "true"))
                .append(el("InstanceCreateTime", "2024-05-01T09:00:00Z")).append(el("DBName", "orders"))
                .append(el("MasterUsername", "orders_admin")).append(el("PubliclyAccessible", "false"));
        if (address != null) {
            x.append("<Endpoint>").append(el("Address", address)).append(el("Port", String.valueOf(port))).append("</Endpoint>");
        }
        x.append("<DBParameterGroups><DBParameterGroup>").append(el("DBParameterGroupName", parameterGroup))
                .append(el("ParameterApplyStatus", "in-sync")).append("</DBParameterGroup></DBParameterGroups>");
        x.append("<OptionGroupMemberships><OptionGroupMembership>").append(el("OptionGroupName", optionGroup))
                .append(el("Status", "in-sync")).append("</OptionGroupMembership></OptionGroupMemberships>");
        x.append("<VpcSecurityGroups>");
        securityGroups.forEach(g -> x.append("<VpcSecurityGroupMembership>").append(el("VpcSecurityGroupId", g))
                .append(el("Status", "active")).append("</VpcSecurityGroupMembership>"));
        x.append("</VpcSecurityGroups>");
        x.append("<DBSubnetGroup>").append(el("DBSubnetGroupName", subnetGroup)).append(el("VpcId", "vpc-0abc"))
                .append(el("SubnetGroupStatus", "Complete")).append("</DBSubnetGroup>");
        x.append("<TagList>");
        tags.forEach((k, v) -> x.append("<Tag>").append(el("Key", k)).append(el("Value", v)).append("</Tag>"));
        x.append("</TagList>");
        return x.append("</DBInstance>").toString();
    }

    /** A DescribeDBInstances result holding these instances, with an optional marker for the next page. */
    static String describeResult(String marker, TestInstance... instances) {
        StringBuilder x = new StringBuilder("<DBInstances>");
        for (TestInstance i : instances) {
            x.append(i.xml());
        }
        x.append("</DBInstances>");
        return marker == null ? x.toString() : x + el("Marker", marker);
    }

    /** One {@code <DBSnapshot>} element. */
    static String snapshotXml(String id, String instanceId, String status, String type, String createTime) {
        return "<DBSnapshot>" + el("DBSnapshotIdentifier", id) + el("DBInstanceIdentifier", instanceId) + el("Status", status)
                + el("SnapshotType", type) + (createTime == null ? "" : el("SnapshotCreateTime", createTime))
                + el("PercentProgress", "available".equals(status) ? "100" : "40") + el("Encrypted", "true")
                + el("Engine", "postgres") + el("EngineVersion", "16.4") + el("AllocatedStorage", "200")
                + el("DBSnapshotArn", "arn:aws:rds:us-east-1:111122223333:snapshot:" + id) + "</DBSnapshot>";
    }

    static String el(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">";
    }
}
