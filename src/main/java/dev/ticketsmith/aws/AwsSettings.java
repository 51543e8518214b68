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

    /** The region of the load balancers ({@code AWS_REGION}). */
    Optional<String> region();

    /**
     * Whether traffic steps read back what the ALB applies ({@code TICKETSMITH_ALB_READBACK}). Off
     * unless asked for: EKS sets {@code AWS_REGION} in every pod with an IAM role, and a role
     * without {@code elasticloadbalancing:Describe*} would fail every promotion.
     */
    @WithDefault("false")
    boolean albReadback();

    /** An endpoint that replaces AWS's own for every call: a VPC endpoint, a proxy, or a test server. */
    Optional<String> endpoint();

    /** How long the ALB may take to apply a weight written to the Ingress before the step fails. */
    @WithDefault("2m")
    Duration albApplyTimeout();
}
