package dev.ticketsmith.aws;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;

/**
 * Builds the AWS clients backups and restores use (RDS, S3, KMS, EC2) once, lazily, with the region
 * and endpoint of {@link AwsSettings}, the SDK's default credentials (IRSA on EKS), the URL-connection
 * HTTP client and bounded call times.
 *
 * <p>The RDS client makes exactly one attempt per call ({@link AwsRetryStrategy#doNotRetry()}): an
 * operation's steps poll RDS once per tick while they hold the operation's row, and a throttled
 * call must come back at once as "throttled" so the step waits on its own clock (see
 * {@code dev.ticketsmith.rds.Backoff}) instead of the SDK sleeping and retrying inside the tick.
 * Every RDS call the steps make is idempotent, so the next tick is the retry. S3, KMS and EC2 keep
 * the SDK's standard retries (a few attempts with backoff): they are one-off calls, not polls.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsSettings settings;
    private volatile RdsClient rds;
    private volatile S3Client s3;
    private volatile KmsClient kms;
    private volatile Ec2Client ec2;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    public synchronized RdsClient rds() {
        if (rds == null) {
            var b = RdsClient.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .overrideConfiguration(override().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                    .httpClient(http());
            endpoint().ifPresent(b::endpointOverride);
            rds = b.build();
        }
        return rds;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            var b = S3Client.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMinutes(5)).retryStrategy(RetryMode.STANDARD))
                    .httpClient(http());
            endpoint().ifPresent(e -> b.endpointOverride(e).forcePathStyle(true));
            s3 = b.build();
        }
        return s3;
    }

    public synchronized KmsClient kms() {
        if (kms == null) {
            var b = KmsClient.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .overrideConfiguration(override()).httpClient(http());
            endpoint().ifPresent(b::endpointOverride);
            kms = b.build();
        }
        return kms;
    }

    /** EC2, for reads only: the security groups a restored instance is given must exist. */
    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            var b = Ec2Client.builder().region(region()).credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .overrideConfiguration(override()).httpClient(http());
            endpoint().ifPresent(b::endpointOverride);
            ec2 = b.build();
        }
        return ec2;
    }

    private Region region() {
        return Region.of(settings.region().filter(r -> !r.isBlank()).orElseThrow(() -> new IllegalStateException(
                "AWS_REGION is not set: RDS, S3, KMS and EC2 need a region")));
    }

    private java.util.Optional<URI> endpoint() {
        return settings.endpoint().filter(e -> !e.isBlank()).map(URI::create);
    }

    private static ClientOverrideConfiguration override() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(10))
                .retryStrategy(RetryMode.STANDARD).build();
    }

    private static UrlConnectionHttpClient http() {
        return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60)).build();
    }
}
