package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service the bot releases and scales, read from {@code services.<name>}. The catalogue hands
 * out one per environment, with that environment's overrides applied
 * ({@link Catalog#service(String, String)}).
 *
 * @param name the service's key in the catalogue, as typed in commands
 * @param deployment the Kubernetes Deployment of the stable version; defaults to the name
 * @param container the container whose image is replaced; empty means the Deployment's only container
 * @param hpa the HorizontalPodAutoscaler that scaling overrides adjust, if the service has one
 * @param strategy how a new version is brought in
 * @param traffic how traffic moves between stable and canary
 * @param smoke the smoke test run against the canary
 * @param analysis the checks made during every step
 * @param steps the canary steps; weights strictly increase and the last is 100
 * @param readyTimeout how long new pods may take to become ready
 * @param scaleDownDelay how long the previous version is kept after a release completes
 * @param canaryReplicasPercent the canary's size as a percentage of the stable replicas, for
 *     routers that split traffic by weight
 * @param scaling limits of manual scaling overrides
 * @param autoscaling the normal autoscaling targets
 */
public record ServiceSpec(
        @MapKey String name,
        String deployment,
        Optional<String> container,
        Optional<String> hpa,
        @Default("canary") Strategy strategy,
        TrafficSpec traffic,
        SmokeSpec smoke,
        AnalysisSpec analysis,
        @Default("[{weight: 10, hold: 2m}, {weight: 25, hold: 2m}, {weight: 50, hold: 2m}, {weight: 100, hold: 2m}]")
        List<CanaryStep> steps,
        @Default("10m") Duration readyTimeout,
        @Default("5m") Duration scaleDownDelay,
        @Default("10") int canaryReplicasPercent,
        ScalingSpec scaling,
        AutoscalingSpec autoscaling) {

    /** The placeholders a smoke URL or metric query may use, written as {@code {name}}. */
    public static final List<String> PLACEHOLDERS =
            List.of("service", "environment", "namespace", "deployment", "stableService", "canaryService", "port");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** How a new version replaces the old one. */
    public enum Strategy {
        /** Shift traffic gradually along the steps. */
        CANARY,
        /** Bring up the new version in full, then switch all traffic at once. */
        BLUE_GREEN
    }

    /** Fills in the names that default to other fields. */
    public ServiceSpec {
        deployment = deployment != null ? deployment : name;
        traffic = traffic.withDefaults(deployment, strategy == Strategy.BLUE_GREEN);
        steps = List.copyOf(steps);
    }

    /**
     * Replaces the placeholders in {@code template} with this service's values in
     * {@code environment}; text in braces that is not a placeholder (PromQL label matchers) is kept.
     */
    public String render(String template, EnvironmentSpec environment) {
        Map<String, String> values = Map.of(
                "service", name,
                "environment", environment.name(),
                "namespace", environment.namespace(),
                "deployment", deployment,
                "stableService", traffic.stableService(),
                "canaryService", traffic.canaryService(),
                "port", Integer.toString(traffic.port()));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The placeholder names used in {@code template}, known or not, in order of appearance. */
    static List<String> placeholdersIn(String template) {
        return PLACEHOLDER.matcher(template).results().map(match -> match.group(1)).toList();
    }
}
