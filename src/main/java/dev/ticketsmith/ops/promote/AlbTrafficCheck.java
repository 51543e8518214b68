package dev.ticketsmith.ops.promote;

import dev.ticketsmith.aws.LoadBalancers;
import dev.ticketsmith.aws.TargetHealthSummary;
import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.kube.TargetGroupBindings;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * For services behind an ALB, when AWS access is configured: reads back whether the load balancer
 * really forwards the weight the Ingress annotation asks for, and how it sees the canary's targets.
 * The Ingress is only a request to the AWS Load Balancer Controller; this is the answer.
 */
@ApplicationScoped
public class AlbTrafficCheck {

    /** What the load balancer says. */
    public sealed interface Verdict permits Applied, Pending, Unhealthy {
    }

    /** The weight is in force and no canary target is unhealthy. */
    public record Applied(String detail) implements Verdict {
    }

    /** Not there yet: the controller or the ALB is still catching up (or AWS did not answer). */
    public record Pending(String reason) implements Verdict {
    }

    /** The load balancer finds canary targets unhealthy. */
    public record Unhealthy(String reason) implements Verdict {
    }

    private final LoadBalancers loadBalancers;
    private final TargetGroupBindings bindings;

    AlbTrafficCheck(LoadBalancers loadBalancers, TargetGroupBindings bindings) {
        this.loadBalancers = loadBalancers;
        this.bindings = bindings;
    }

    /** Empty when there is nothing to read back (another router, or no AWS access). */
    public Optional<Verdict> check(String namespace, TrafficSpec traffic, int weight) {
        if (traffic.router() != TrafficSpec.Router.ALB_INGRESS || !loadBalancers.available()) {
            return Optional.empty();
        }
        String ingress = traffic.ingress().orElse("");
        Optional<String> stable = bindings.targetGroupArn(namespace, traffic.stableService(), traffic.port(), ingress);
        Optional<String> canary = bindings.targetGroupArn(namespace, traffic.canaryService(), traffic.port(), ingress);
        if (stable.isEmpty() || canary.isEmpty()) {
            return Optional.of(new Pending("waiting for the load balancer controller to bind a target group to Service `"
                    + (stable.isEmpty() ? traffic.stableService() : traffic.canaryService()) + "`"));
        }
        try {
            OptionalInt applied = loadBalancers.appliedWeight(stable.get(), canary.get());
            if (applied.isEmpty() || applied.getAsInt() != weight) {
                return Optional.of(new Pending("the ALB forwards " + (applied.isEmpty() ? "nothing" : applied.getAsInt() + "%")
                        + " to the canary, not yet " + weight + "%"));
            }
            if (weight == 0) {
                return Optional.of(new Applied("the ALB forwards 0% to the canary"));
            }
            TargetHealthSummary health = loadBalancers.targetHealth(canary.get());
            if (!health.unhealthy().isEmpty()) {
                return Optional.of(new Unhealthy("the ALB finds " + health.unhealthy().size() + "/" + health.total()
                        + " canary targets unhealthy: " + String.join(", ", health.unhealthy())));
            }
            if (health.healthy() == 0) {
                return Optional.of(new Pending("the ALB has no healthy canary target yet (" + health.total() + " registered)"));
            }
            return Optional.of(new Applied("the ALB forwards " + weight + "%, " + health.healthy() + "/" + health.total()
                    + " canary targets healthy"));
        } catch (SdkException e) {
            return Optional.of(new Pending("ELBv2 did not answer (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
