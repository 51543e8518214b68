package dev.ticketsmith.rds;

import dev.ticketsmith.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.rds.model.AccountQuota;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.ticketsmith.rds.AwsFailure.calling;

/**
 * Checks, before a restore provisions an instance, what would make it fail late: the KMS key, the
 * DB subnet group, the VPC security groups and the account's instance quota. A check the bot's role
 * may not run (or that AWS throttled) is reported as "could not check", not as a failure.
 */
@ApplicationScoped
public class RdsPreflight {

    static final String QUOTA = "instance quota";
    private final AwsClients aws;

    public RdsPreflight(AwsClients aws) {
        this.aws = aws;
    }

    /** The checks for a restore described by {@code spec}, with the KMS key the restored instance will use, if any. */
    public Preflight check(RestoreSpec spec, Optional<String> kmsKeyId) {
        return check(kmsKeyId, spec.subnetGroup(), spec.vpcSecurityGroupIds());
    }

    public Preflight check(Optional<String> kmsKeyId, String subnetGroup, List<String> vpcSecurityGroupIds) {
        List<PreflightCheck> checks = new ArrayList<>();
        kmsKeyId.ifPresent(key -> checks.add(kmsKey(key)));
        if (subnetGroup != null) {
            checks.add(subnetGroup(subnetGroup));
        }
        vpcSecurityGroupIds.forEach(group -> checks.add(securityGroup(group)));
        checks.add(instanceQuota());
        return new Preflight(checks);
    }

    private PreflightCheck kmsKey(String key) {
        String name = "KMS key " + key;
        return attempt(name, "KMS key " + key + " does not exist in this account and region", () -> {
            KeyState state = calling("describing KMS key " + key, () -> aws.kms().describeKey(r -> r.keyId(key))).keyMetadata().keyState();
            return state == KeyState.ENABLED ? PreflightCheck.ok(name, "KMS key " + key + " is enabled")
                    : PreflightCheck.failed(name, "KMS key " + key + " is " + state + ", not Enabled: RDS cannot encrypt the "
                            + "restored instance with it. Enable the key (or cancel its deletion) first");
        });
    }

    private PreflightCheck subnetGroup(String group) {
        String name = "DB subnet group " + group;
        return attempt(name, "DB subnet group " + group + " does not exist: create it or fix the catalogue", () -> {
            calling("describing DB subnet group " + group, () -> aws.rds().describeDBSubnetGroups(r -> r.dbSubnetGroupName(group)));
            return PreflightCheck.ok(name, "DB subnet group " + group + " exists");
        });
    }

    private PreflightCheck securityGroup(String group) {
        String name = "security group " + group;
        return attempt(name, "VPC security group " + group + " does not exist: fix the catalogue's security groups", () -> {
            calling("describing security group " + group, () -> aws.ec2().describeSecurityGroups(r -> r.groupIds(group)));
            return PreflightCheck.ok(name, "VPC security group " + group + " exists");
        });
    }

    private PreflightCheck instanceQuota() {
        return attempt(QUOTA, "RDS reported no DB instance quota", () -> {
            Optional<AccountQuota> quota = calling("describing the RDS account quotas", () -> aws.rds().describeAccountAttributes())
                    .accountQuotas().stream().filter(q -> "DBInstances".equals(q.accountQuotaName())).findFirst();
            if (quota.isEmpty()) {
                return PreflightCheck.unknown(QUOTA, "could not check: RDS reported no DBInstances quota");
            }
            long used = quota.get().used();
            long max = quota.get().max();
            return used < max ? PreflightCheck.ok(QUOTA, used + " of " + max + " DB instances in use")
                    : PreflightCheck.failed(QUOTA, "all " + max + " DB instances of the account's quota are in use (" + used
                            + "): delete instances you no longer need, or ask AWS for a higher quota");
        });
    }

    private static PreflightCheck attempt(String name, String notFound, Supplier<PreflightCheck> check) {
        try {
            return check.get();
        } catch (AwsFailure f) {
            if (f.kind() == AwsFailure.Kind.ACCESS_DENIED || f.retryLater()) {
                return PreflightCheck.unknown(name, "could not check: " + f.getMessage());
            }
            return PreflightCheck.failed(name, f.kind() == AwsFailure.Kind.NOT_FOUND ? notFound + " (" + f.code() + ")" : f.getMessage());
        }
    }
}
