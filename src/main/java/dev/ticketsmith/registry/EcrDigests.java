package dev.ticketsmith.registry;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digests of images in Amazon ECR, through the ECR API ({@code DescribeImages}) with the pod's AWS
 * credentials (IRSA on EKS): ECR's registry API would first need a token from the same
 * credentials, and most EKS clusters pull from ECR with the nodes' role, without a pull secret.
 */
public final class EcrDigests {

    private static final Pattern ECR_HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final Duration timeout;
    private final Map<String, EcrClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint an endpoint replacing ECR's own (a VPC endpoint, a test server), if any
     */
    public EcrDigests(AwsCredentialsProvider credentials, Optional<URI> endpoint, Duration timeout) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Whether the image lives in an ECR registry. */
    public static boolean isEcr(ImageReference image) {
        return ECR_HOST.matcher(image.registry()).matches();
    }

    /** The digest of an ECR image's tag. */
    public Resolution resolve(ImageReference image) {
        Matcher host = ECR_HOST.matcher(image.registry());
        if (!host.matches()) {
            throw new IllegalArgumentException(image.registry() + " is not an ECR registry");
        }
        String tag = image.tag().orElse("latest");
        try {
            var found = client(host.group(2)).describeImages(r -> r.registryId(host.group(1)).repositoryName(image.repository())
                    .imageIds(id -> id.imageTag(tag))).imageDetails();
            return found.stream().map(ImageDetail::imageDigest).filter(d -> d != null && !d.isEmpty()).findFirst()
                    .<Resolution>map(digest -> Resolution.Resolved.of(image, digest))
                    .orElseGet(() -> new Resolution.Unresolved("ECR has no image tagged `" + tag + "` in " + image.repository()));
        } catch (ImageNotFoundException e) {
            return new Resolution.Unresolved("ECR has no image tagged `" + tag + "` in " + image.repository());
        } catch (RepositoryNotFoundException e) {
            return new Resolution.Unresolved("ECR has no repository " + image.repository() + " in account " + host.group(1));
        } catch (SdkClientException e) {
            return new Resolution.Unresolved("ECR could not be asked (no AWS credentials, or no answer within "
                    + timeout.toSeconds() + "s)");
        } catch (SdkException e) {
            return new Resolution.Unresolved("ECR refused DescribeImages on " + image.repository() + " ("
                    + e.getClass().getSimpleName() + "): the role needs ecr:DescribeImages");
        }
    }

    private EcrClient client(String region) {
        return clients.computeIfAbsent(region, r -> {
            EcrClientBuilder builder = EcrClient.builder().region(Region.of(r)).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout.multipliedBy(2)).apiCallAttemptTimeout(timeout));
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }
}
