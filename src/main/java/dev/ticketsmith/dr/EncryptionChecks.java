package dev.ticketsmith.dr;

import dev.ticketsmith.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether backups are encrypted as configured: the KMS key is enabled and rotates, and the bucket's
 * default encryption is KMS with that key. Read-only ({@code kms:DescribeKey},
 * {@code kms:GetKeyRotationStatus}, {@code s3:GetEncryptionConfiguration}); a check that AWS refuses
 * or does not answer is {@link Status#UNKNOWN}, never an exception.
 */
@ApplicationScoped
public class EncryptionChecks {

    /** The key S3 uses for {@code aws:kms} when the rule names none: S3's AWS managed key in the bucket's account. */
    static final String S3_MANAGED_KEY = "alias/aws/s3";

    private final AwsClients aws;

    EncryptionChecks(AwsClients aws) {
        this.aws = aws;
    }

    /** The key named by id, ARN, alias ({@code alias/backups}) or alias ARN: enabled, and rotated. */
    public KeyCheck key(String key) {
        Lookup lookup = describe(key);
        if (lookup instanceof Unreadable unreadable) {
            return new KeyCheck(Status.UNKNOWN, "key " + key + ": could not check: " + unreadable.why(), Optional.empty());
        }
        if (lookup instanceof Missing missing) {
            return new KeyCheck(Status.FAILED, "key " + key + ": " + missing.why(), Optional.empty());
        }
        KeyMetadata metadata = ((Found) lookup).key();
        String subject = "key " + shown(key, metadata) + ": ";
        Optional<String> arn = Optional.of(metadata.arn());
        if (metadata.keyState() != KeyState.ENABLED) {
            return new KeyCheck(Status.FAILED, subject + state(metadata) + ": KMS refuses to encrypt or decrypt with it", arn);
        }
        if (metadata.keyManager() == KeyManagerType.AWS) {
            return new KeyCheck(Status.OK, subject + "enabled, AWS managed, rotated by AWS every year", arn);
        }
        String customer = subject + "enabled, customer managed, ";
        try {
            // the ARN rather than the alias: GetKeyRotationStatus takes no alias, and a key of another account needs its ARN
            GetKeyRotationStatusResponse rotation = aws.kms().getKeyRotationStatus(r -> r.keyId(metadata.arn()));
            if (Boolean.TRUE.equals(rotation.keyRotationEnabled())) {
                return new KeyCheck(Status.OK, customer + "rotation on"
                        + (rotation.rotationPeriodInDays() == null ? "" : " (every " + rotation.rotationPeriodInDays() + " days)"), arn);
            }
            return new KeyCheck(Status.FAILED, customer + "rotation off (turn on automatic key rotation)", arn);
        } catch (UnsupportedOperationException e) {
            return new KeyCheck(Status.UNKNOWN, customer + "rotation not checked: KMS cannot rotate this key automatically ("
                    + metadata.originAsString() + ", " + metadata.keySpecAsString() + ")", arn);
        } catch (SdkException e) {
            return new KeyCheck(Status.UNKNOWN, customer + "rotation could not be checked: " + AwsErrors.why("kms:GetKeyRotationStatus", e), arn);
        }
    }

    /**
     * The bucket's default encryption: KMS ({@code aws:kms} or {@code aws:kms:dsse}) and, when a key
     * is expected, that key; the expected and the bucket's key are compared through KMS, so an alias,
     * the key id and the key ARN of one key all match.
     */
    public BucketCheck bucket(String bucket, Optional<String> expectedKey) {
        String subject = "bucket " + bucket + ": ";
        ServerSideEncryptionByDefault rule;
        try {
            rule = aws.s3().getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules().stream()
                    .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault).filter(Objects::nonNull).findFirst().orElse(null);
        } catch (S3Exception e) {
            return switch (AwsErrors.code(e)) {
                case "ServerSideEncryptionConfigurationNotFoundError" -> new BucketCheck(Status.FAILED, subject + "no default encryption");
                case "NoSuchBucket" -> new BucketCheck(Status.FAILED, subject + "no such bucket");
                default -> new BucketCheck(Status.UNKNOWN, subject + "could not check: " + AwsErrors.why("s3:GetEncryptionConfiguration", e));
            };
        } catch (SdkException e) {
            return new BucketCheck(Status.UNKNOWN, subject + "could not check: " + AwsErrors.why("s3:GetEncryptionConfiguration", e));
        }
        if (rule == null) {
            return new BucketCheck(Status.FAILED, subject + "no default encryption");
        }
        String algorithm = rule.sseAlgorithmAsString();
        if (!"aws:kms".equals(algorithm) && !"aws:kms:dsse".equals(algorithm)) {
            return new BucketCheck(Status.FAILED, subject + "default encryption " + algorithm
                    + ("AES256".equals(algorithm) ? " (SSE-S3, keys held by S3)" : "") + ", not KMS");
        }
        boolean ruleNamesKey = rule.kmsMasterKeyID() != null && !rule.kmsMasterKeyID().isBlank();
        String bucketKey = ruleNamesKey ? rule.kmsMasterKeyID() : S3_MANAGED_KEY;
        String encryption = subject + "default encryption " + algorithm + " with ";
        if (expectedKey.isEmpty()) {
            return new BucketCheck(Status.OK, encryption + (ruleNamesKey ? bucketKey : "the AWS managed key aws/s3"));
        }
        return compare(encryption, bucketKey, expectedKey.get());
    }

    private BucketCheck compare(String encryption, String bucketKey, String expected) {
        if (sameLiterally(bucketKey, expected)) {
            return new BucketCheck(Status.OK, encryption + bucketKey + " (the configured key)");
        }
        Lookup ours = describe(expected);
        Lookup theirs = describe(bucketKey);
        if (ours instanceof Found o && theirs instanceof Found t) {
            return o.key().arn().equals(t.key().arn())
                    ? new BucketCheck(Status.OK, encryption + shown(bucketKey, t.key()) + " (the configured key)")
                    : new BucketCheck(Status.FAILED, encryption + shown(bucketKey, t.key()) + ", not the configured key " + shown(expected, o.key()));
        }
        if (theirs instanceof Missing m) {
            return new BucketCheck(Status.FAILED, encryption + bucketKey + ", which is " + m.why() + " (the configured key is " + expected + ")");
        }
        if (ours instanceof Missing m) {
            return new BucketCheck(Status.FAILED, encryption + bucketKey + ", but the configured key " + expected + " is " + m.why());
        }
        String why = ours instanceof Unreadable u ? u.why() : ((Unreadable) theirs).why();
        return new BucketCheck(Status.UNKNOWN, encryption + bucketKey + ", not compared with the configured key " + expected + ": " + why);
    }

    /** Equal without asking KMS: the same text, or a key id and the key ARN that ends with it. */
    static boolean sameLiterally(String a, String b) {
        return a.equals(b) || (!b.startsWith("alias/") && a.endsWith(":key/" + b)) || (!a.startsWith("alias/") && b.endsWith(":key/" + a));
    }

    private Lookup describe(String key) {
        try {
            return new Found(aws.kms().describeKey(r -> r.keyId(key)).keyMetadata());
        } catch (NotFoundException e) {
            return new Missing("not found in KMS");
        } catch (InvalidArnException e) {
            return new Missing("not a valid key ARN");
        } catch (SdkException e) {
            return new Unreadable(AwsErrors.why("kms:DescribeKey", e));
        }
    }

    /** A key as configured, with its ARN when that says more. */
    private static String shown(String key, KeyMetadata metadata) {
        return key.equals(metadata.arn()) ? key : key + " (" + metadata.arn() + ")";
    }

    private static String state(KeyMetadata metadata) {
        return switch (metadata.keyStateAsString()) {
            case "Disabled" -> "disabled";
            case "PendingDeletion" -> "pending deletion"
                    + (metadata.deletionDate() == null ? "" : " on " + metadata.deletionDate().atZone(ZoneOffset.UTC).toLocalDate());
            case "PendingReplicaDeletion" -> "pending deletion (replica)";
            case "PendingImport" -> "waiting for its key material";
            case "Unavailable" -> "unavailable (its custom key store is disconnected)";
            default -> "in state " + metadata.keyStateAsString();
        };
    }

    /** What KMS said about a key. */
    private sealed interface Lookup permits Found, Missing, Unreadable {
    }

    private record Found(KeyMetadata key) implements Lookup {
    }

    private record Missing(String why) implements Lookup {
    }

    private record Unreadable(String why) implements Lookup {
    }
}
