package dev.ticketsmith.rds;

import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An RDS DB instance as TICKETSMITH needs it. {@code endpointAddress} and {@code endpointPort} are
 * null while the instance is being created; other nullable values are null when AWS did not say.
 */
public record DbInstance(String id, String status, String endpointAddress, Integer endpointPort, String instanceClass,
        String engine, String engineVersion, Integer allocatedStorage, boolean storageEncrypted, String kmsKeyId,
        Instant latestRestorableTime, Integer backupRetentionPeriod, String parameterGroup, String optionGroup,
        List<String> vpcSecurityGroupIds, String subnetGroup, boolean multiAz, boolean deletionProtection,
        String caCertificateIdentifier, boolean copyTagsToSnapshot, Map<String, String> tags, Instant instanceCreateTime,
        String dbName, String masterUsername) {

    public DbInstance {
        vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds);
        tags = Map.copyOf(tags);
    }

    static DbInstance from(DBInstance db) {
        return new DbInstance(db.dbInstanceIdentifier(), db.dbInstanceStatus(),
                db.endpoint() == null ? null : db.endpoint().address(), db.endpoint() == null ? null : db.endpoint().port(),
                db.dbInstanceClass(), db.engine(), db.engineVersion(), db.allocatedStorage(), Boolean.TRUE.equals(db.storageEncrypted()),
                db.kmsKeyId(), db.latestRestorableTime(), db.backupRetentionPeriod(),
                db.dbParameterGroups().stream().map(DBParameterGroupStatus::dbParameterGroupName).findFirst().orElse(null),
                db.optionGroupMemberships().stream().map(OptionGroupMembership::optionGroupName).findFirst().orElse(null),
                db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(),
                db.dbSubnetGroup() == null ? null : db.dbSubnetGroup().dbSubnetGroupName(),
                Boolean.TRUE.equals(db.multiAZ()), Boolean.TRUE.equals(db.deletionProtection()), db.caCertificateIdentifier(),
                Boolean.TRUE.equals(db.copyTagsToSnapshot()), RdsTags.fromSdk(db.tagList()), db.instanceCreateTime(),
                db.dbName(), db.masterUsername());
    }

    /** True once RDS reports {@code available} and the instance has an address to connect to. */
    public boolean ready() {
        return "available".equals(status) && endpointAddress != null;
    }

    /** The value of one tag, or null. */
    public String tag(String key) {
        return tags.get(key);
    }
}
