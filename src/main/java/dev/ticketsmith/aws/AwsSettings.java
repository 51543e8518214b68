package dev.ticketsmith.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Access to AWS. Keys under {@code ticketsmith.aws}; credentials come from the SDK's default chain
 * (IRSA web identity on EKS, environment variables, profiles).
 */
@ConfigMapping(prefix = "ticketsmith.aws")
public interface AwsSettings {

    /** The region of the load balancers ({@code AWS_REGION}); unset means no AWS calls at all. */
    Optional<String> region();

    /** An endpoint that replaces AWS's own for every call: a VPC endpoint, a proxy, or a test server. */
    Optional<String> endpoint();

    /** How long the ALB may take to apply a weight written to the Ingress before the step fails. */
    @WithDefault("2m")
    Duration albApplyTimeout();
}
