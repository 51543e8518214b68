package dev.ticketsmith.aws;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2ClientBuilder;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The adapter to Elastic Load Balancing v2: what an Application Load Balancer really applies, as
 * opposed to what the Ingress annotation asks for. Reads only ({@code DescribeTargetGroups},
 * {@code DescribeListeners}, {@code DescribeRules}, {@code DescribeTargetHealth}). Present only when
 * the read-back is turned on.
 */
@ApplicationScoped
public class LoadBalancers {

    private final ElasticLoadBalancingV2Client client;

    LoadBalancers(AwsSettings settings) {
        this.client = settings.albReadback()
                ? build(settings.region().filter(r -> !r.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "TICKETSMITH_ALB_READBACK is on but AWS_REGION is not set")), settings)
                : null;
    }

    private static ElasticLoadBalancingV2Client build(String region, AwsSettings settings) {
        ElasticLoadBalancingV2ClientBuilder builder = ElasticLoadBalancingV2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // a reconcile waits for these calls while it holds the operation's row: keep them short
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(6)).apiCallAttemptTimeout(Duration.ofSeconds(2)))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(10)).build());
        settings.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    /** True when AWS access is configured. */
    public boolean available() {
        return client != null;
    }

    /**
     * The weight of {@code canaryTargetGroup} in the listener rule that forwards to both target
     * groups, on whichever load balancer holds them; empty when no rule forwards to both.
     */
    public OptionalInt appliedWeight(String stableTargetGroup, String canaryTargetGroup) {
        Set<String> loadBalancers = new LinkedHashSet<>();
        client.describeTargetGroups(r -> r.targetGroupArns(stableTargetGroup, canaryTargetGroup)).targetGroups()
                .forEach(tg -> loadBalancers.addAll(tg.loadBalancerArns()));
        for (String loadBalancer : loadBalancers) {
            for (Listener listener : client.describeListeners(r -> r.loadBalancerArn(loadBalancer)).listeners()) {
                for (Rule rule : rules(listener.listenerArn())) {
                    for (Action action : rule.actions()) {
                        OptionalInt weight = canaryWeight(action, stableTargetGroup, canaryTargetGroup);
                        if (weight.isPresent()) {
                            return weight;
                        }
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    /** How the load balancer sees the targets of a target group. */
    public TargetHealthSummary targetHealth(String targetGroup) {
        List<TargetHealthDescription> targets = client.describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions();
        int healthy = 0;
        List<String> unhealthy = new ArrayList<>();
        for (TargetHealthDescription t : targets) {
            TargetHealthStateEnum state = t.targetHealth().state();
            if (state == TargetHealthStateEnum.HEALTHY) {
                healthy++;
            } else if (state == TargetHealthStateEnum.UNHEALTHY) {
                unhealthy.add(t.target().id() + " (" + t.targetHealth().reasonAsString() + ")");
            }
        }
        return new TargetHealthSummary(targets.size(), healthy, unhealthy);
    }

    private List<Rule> rules(String listenerArn) {
        List<Rule> rules = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            var page = client.describeRules(r -> r.listenerArn(listenerArn).marker(from));
            rules.addAll(page.rules());
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return rules;
    }

    /** The canary's share in a forward action that names both groups, in percent of the weights. */
    static OptionalInt canaryWeight(Action action, String stable, String canary) {
        if (action.type() != ActionTypeEnum.FORWARD || action.forwardConfig() == null || !action.forwardConfig().hasTargetGroups()) {
            return OptionalInt.empty();
        }
        Map<String, Integer> weights = action.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, t -> t.weight() == null ? 1 : t.weight(), Integer::sum));
        if (!weights.containsKey(stable) || !weights.containsKey(canary)) {
            return OptionalInt.empty();
        }
        int total = weights.get(stable) + weights.get(canary);
        return OptionalInt.of(total == 0 ? 0 : (int) Math.round(100.0 * weights.get(canary) / total));
    }
}
