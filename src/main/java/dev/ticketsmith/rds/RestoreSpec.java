package dev.ticketsmith.rds;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a restore sets on the new instance, explicitly: a restore copies none of the source
 * instance's parameter group, option group, security groups, subnet group, Multi-AZ, deletion
 * protection or instance class by itself (it takes the defaults), so each is named here. The new
 * instance is never publicly accessible. {@code snapshotId} is null for a point-in-time restore.
 * {@code tags} always carry {@code ticketsmith:managed=true}; a repeated restore recognises its own
 * instance by {@code ticketsmith:operation}. The KMS key is not a setting: a restore keeps the
 * snapshot's (or the source's) key.
 */
public record RestoreSpec(String sourceInstanceId, String snapshotId, String newInstanceId, String instanceClass,
        String parameterGroup, String optionGroup, List<String> vpcSecurityGroupIds, String subnetGroup, boolean multiAz,
        boolean deletionProtection, boolean copyTagsToSnapshot, String caCertificateIdentifier, Map<String, String> tags) {

    public RestoreSpec {
        Objects.requireNonNull(sourceInstanceId, "sourceInstanceId");
        Objects.requireNonNull(newInstanceId, "newInstanceId");
        Objects.requireNonNull(instanceClass, "instanceClass");
        vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds);
        tags = RdsTags.managed(tags);
    }

    /**
     * A restore of {@code source} with the source's settings wherever the catalogue's
     * {@code overrides} say nothing.
     *
     * @param snapshotId the snapshot to restore, or null for a point-in-time restore
     * @param tags       the caller's tags, e.g. {@code ticketsmith:operation} and {@code ticketsmith:purpose}
     */
    public static RestoreSpec inheritedFrom(DbInstance source, String snapshotId, String newInstanceId, RestoreOverrides overrides,
            Map<String, String> tags) {
        return new RestoreSpec(source.id(), snapshotId, newInstanceId,
                overrides.instanceClass().orElse(source.instanceClass()),
                overrides.parameterGroup().orElse(source.parameterGroup()),
                overrides.optionGroup().orElse(source.optionGroup()),
                overrides.vpcSecurityGroupIds().orElse(source.vpcSecurityGroupIds()),
                overrides.subnetGroup().orElse(source.subnetGroup()),
                overrides.multiAz().orElse(source.multiAz()),
                overrides.deletionProtection().orElse(source.deletionProtection()),
                source.copyTagsToSnapshot(), source.caCertificateIdentifier(), tags);
    }

    /** The operation that asked for this restore, from the {@code ticketsmith:operation} tag. */
    public Optional<String> operation() {
        return Optional.ofNullable(tags.get(RdsTags.OPERATION));
    }
}
