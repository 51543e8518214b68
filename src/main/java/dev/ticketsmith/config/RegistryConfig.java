package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How image tags are resolved to digests at the registry. Keys under {@code ticketsmith.registry}.
 */
@ConfigMapping(prefix = "ticketsmith.registry")
public interface RegistryConfig {

    /** Whether promotions look up the digest of the image they release. */
    @WithDefault("true")
    boolean digests();

    /** The longest wait for each request to a registry. */
    @WithDefault("5s")
    Duration timeout();

    /** Registry hosts ({@code host[:port]}) reached over plain http, such as an in-cluster registry. */
    Optional<List<String>> insecure();

    /**
     * A Docker config JSON with registry credentials ({@code auths.<host>.auth}): typically an
     * image pull secret's {@code .dockerconfigjson}, mounted as a file.
     */
    Optional<String> dockerConfig();

    /**
     * Whether ECR images ({@code <account>.dkr.ecr.<region>.amazonaws.com/…}) are looked up through
     * the ECR API with the pod's AWS credentials (needs {@code ecr:DescribeImages}) when no pull
     * secret for that registry is configured.
     */
    @WithDefault("true")
    boolean ecr();

    /** An endpoint replacing ECR's own for those look-ups (a VPC endpoint, a test server). */
    Optional<String> ecrEndpoint();
}
