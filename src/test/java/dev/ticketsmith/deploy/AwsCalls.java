package dev.ticketsmith.deploy;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The IAM actions TICKETSMITH's AWS SDK calls need, read from {@code src/main/java}: in every file
 * that uses a service's client, the method calls whose names are operations of that client, each
 * mapped to its IAM action ({@code rds().describeDBInstancesPaginator(…)} → {@code rds:DescribeDBInstances}).
 * Plus the actions AWS checks on the caller's behalf without a call of their own ({@link #IMPLIED}).
 */
final class AwsCalls {

    private record Service(Class<?> client, String iamPrefix, List<String> markers) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service(RdsClient.class, "rds", List.of("RdsClient", ".rds()")),
            new Service(S3Client.class, "s3", List.of("S3Client", ".s3()")),
            new Service(KmsClient.class, "kms", List.of("KmsClient", ".kms()")),
            new Service(Ec2Client.class, "ec2", List.of("Ec2Client", ".ec2()")),
            new Service(EcrClient.class, "ecr", List.of("EcrClient")),
            new Service(ElasticLoadBalancingV2Client.class, "elasticloadbalancing", List.of("ElasticLoadBalancingV2Client")));

    /** S3 operations whose IAM action is not named after them. */
    private static final Map<String, String> S3_ACTIONS = Map.of(
            "createMultipartUpload", "s3:PutObject",
            "uploadPart", "s3:PutObject",
            "completeMultipartUpload", "s3:PutObject",
            "putObject", "s3:PutObject",
            "listObjectsV2", "s3:ListBucket",
            "listObjects", "s3:ListBucket",
            "getBucketEncryption", "s3:GetEncryptionConfiguration");

    /** Actions with no SDK call of their own, and why the role needs them. */
    static final Map<String, String> IMPLIED = Map.of(
            "kms:GenerateDataKey", "S3 asks KMS for a data key as the caller when an archive is written with SSE-KMS",
            "kms:Decrypt", "S3 decrypts as the caller when an SSE-KMS archive is read, and to complete a multipart upload",
            "kms:CreateGrant", "RDS creates a grant on the snapshot's key as the caller when it restores an encrypted instance",
            "rds:AddTagsToResource", "snapshots and restored instances are created with tags (ticketsmith:managed, …)");

    private static final Set<String> NOT_OPERATIONS = Set.of("close", "serviceName", "serviceClientConfiguration", "utilities",
            "waiter", "builder", "create");

    private static final Pattern CALL = Pattern.compile("\\.\\s*([a-z][A-Za-z0-9]*)\\s*\\(");
    private static final Pattern ACCESSOR_CALL = Pattern.compile("\\.(rds|s3|kms|ec2)\\(\\)\\s*\\.\\s*([a-z][A-Za-z0-9]*)\\s*\\(");

    private AwsCalls() {
    }

    /** IAM action → the files whose calls need it. */
    static Map<String, Set<String>> needed(Path root) {
        Map<String, Set<String>> actions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                // aws.rds().describeX(…): the accessor says which service, even when another one has an operation of that name.
                Set<Integer> attributed = new java.util.HashSet<>();
                Matcher accessor = ACCESSOR_CALL.matcher(text);
                while (accessor.find()) {
                    Service service = SERVICES.stream().filter(s -> s.iamPrefix().equals(accessor.group(1))).findFirst().orElseThrow();
                    attributed.add(accessor.start(2));
                    add(actions, service, accessor.group(2), file);
                }
                // Other calls (a client held in a field): every service whose client the file uses.
                Matcher m = CALL.matcher(text);
                while (m.find()) {
                    if (attributed.contains(m.start(1))) {
                        continue;
                    }
                    for (Service service : SERVICES) {
                        if (service.markers().stream().anyMatch(text::contains)) {
                            add(actions, service, m.group(1), file);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    private static void add(Map<String, Set<String>> actions, Service service, String call, Path file) {
        if (operations(service.client()).contains(call)) {
            String op = call.endsWith("Paginator") ? call.substring(0, call.length() - "Paginator".length()) : call;
            actions.computeIfAbsent(action(service, op), a -> new TreeSet<>()).add(file.getFileName().toString());
        }
    }

    private static Set<String> operations(Class<?> client) {
        return Arrays.stream(client.getMethods()).filter(Method::isDefault).map(Method::getName)
                .filter(n -> !NOT_OPERATIONS.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String action(Service service, String operation) {
        if (service.iamPrefix().equals("s3") && S3_ACTIONS.containsKey(operation)) {
            return S3_ACTIONS.get(operation);
        }
        return service.iamPrefix() + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    }
}
