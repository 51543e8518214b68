package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.AnalysisSpec;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.catalog.TrafficSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a release's steps act on, frozen from the catalogue when the plan is made and stored
 * with it (hashed together with the steps): where the service runs, how its traffic moves, and
 * the checks its canary must pass. A catalogue changed afterwards does not change a plan in
 * flight, nor what its approvers approved.
 *
 * @param channel the Slack channel the environment posts to
 * @param container the released container, or null for the Deployment's only one
 * @param hpa the stable HPA, or null
 * @param prometheusUrl the Prometheus server, or null when the service has no metric checks
 * @param queries the metric checks, their placeholders already filled in
 */
public record ReleaseSpec(String namespace, String channel, String deployment, String container, String hpa,
                          TrafficSpec traffic, ServiceSpec.Strategy strategy, int canaryReplicasPercent,
                          int maxRestarts, Duration maxUnwatched, Duration readyTimeout,
                          Duration analysisInterval, String prometheusUrl, List<FrozenQuery> queries) {

    /**
     * One metric check as the plan runs it.
     *
     * @param max the highest acceptable value, or null
     * @param min the lowest acceptable value, or null
     */
    public record FrozenQuery(String name, String query, Double max, Double min, AnalysisSpec.NoData onNoData, int noDataLimit) {
    }

    public ReleaseSpec {
        queries = List.copyOf(queries);
    }

    /** The service's settings in one environment, as the catalogue has them now. */
    public static ReleaseSpec of(ServiceSpec s, EnvironmentSpec env) {
        List<FrozenQuery> queries = new ArrayList<>();
        String url = s.analysis().prometheus().map(AnalysisSpec.Prometheus::url).orElse(null);
        s.analysis().prometheus().ifPresent(p -> p.queries().forEach(q -> queries.add(new FrozenQuery(q.name(), s.render(q.query(), env),
                q.max().orElse(null), q.min().orElse(null), q.onNoData(), q.noDataLimit()))));
        return new ReleaseSpec(env.kubeNamespace(), env.channel(), s.deployment(), s.container().orElse(null), s.hpa().orElse(null),
                s.traffic(), s.strategy(), s.canaryReplicasPercent(), s.analysis().maxRestarts(), s.analysis().maxUnwatched(),
                s.readyTimeout(), s.analysis().interval(), url, queries);
    }

    public Optional<String> stableHpa() {
        return Optional.ofNullable(hpa);
    }

    /** Whether traffic moves at a layer-7 router (so the canary has a Service of its own). */
    public boolean layer7() {
        return traffic.router() != TrafficSpec.Router.REPLICAS;
    }

    /**
     * The canary's size for a weight: in proportion to the stable replicas, as Argo Rollouts sizes
     * it, and never below {@code canaryReplicasPercent} of them (a blue-green green is full size
     * from the start); at least one pod.
     */
    public int canaryReplicas(int stableReplicas, int weight) {
        int floorPercent = strategy == ServiceSpec.Strategy.BLUE_GREEN ? 100 : canaryReplicasPercent;
        return Math.max(1, (int) Math.ceil(stableReplicas * Math.max(weight, floorPercent) / 100.0));
    }

    /** The plan's record of these settings: flat keys, so a later comparison can say which ones changed. */
    public Map<String, String> toContext() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("release.namespace", namespace);
        c.put("release.channel", channel);
        c.put("release.deployment", deployment);
        putIf(c, "release.container", container);
        putIf(c, "release.hpa", hpa);
        c.put("traffic.router", traffic.router().name());
        traffic.ingress().ifPresent(v -> c.put("traffic.ingress", v));
        traffic.action().ifPresent(v -> c.put("traffic.action", v));
        traffic.route().ifPresent(v -> c.put("traffic.route", v));
        c.put("traffic.stableService", traffic.stableService());
        c.put("traffic.canaryService", traffic.canaryService());
        c.put("traffic.port", Integer.toString(traffic.port()));
        c.put("release.strategy", strategy.name());
        c.put("release.canaryReplicasPercent", Integer.toString(canaryReplicasPercent));
        c.put("analysis.maxRestarts", Integer.toString(maxRestarts));
        c.put("analysis.maxUnwatched", maxUnwatched.toString());
        c.put("release.readyTimeout", readyTimeout.toString());
        c.put("analysis.interval", analysisInterval.toString());
        putIf(c, "analysis.prometheus.url", prometheusUrl);
        for (int i = 0; i < queries.size(); i++) {
            FrozenQuery q = queries.get(i);
            String key = "analysis.query." + i + ".";
            c.put(key + "name", q.name());
            c.put(key + "query", q.query());
            putIf(c, key + "max", q.max() == null ? null : q.max().toString());
            putIf(c, key + "min", q.min() == null ? null : q.min().toString());
            c.put(key + "onNoData", q.onNoData().name());
            c.put(key + "noDataLimit", Integer.toString(q.noDataLimit()));
        }
        return c;
    }

    /** Reads back what {@link #toContext} wrote. */
    public static ReleaseSpec fromContext(Map<String, String> c) {
        TrafficSpec traffic = new TrafficSpec(TrafficSpec.Router.valueOf(c.get("traffic.router")),
                Optional.ofNullable(c.get("traffic.ingress")), Optional.ofNullable(c.get("traffic.action")),
                Optional.ofNullable(c.get("traffic.route")), c.get("traffic.stableService"), c.get("traffic.canaryService"),
                Integer.parseInt(c.get("traffic.port")));
        List<FrozenQuery> queries = new ArrayList<>();
        for (int i = 0; c.containsKey("analysis.query." + i + ".name"); i++) {
            String key = "analysis.query." + i + ".";
            queries.add(new FrozenQuery(c.get(key + "name"), c.get(key + "query"), number(c.get(key + "max")), number(c.get(key + "min")),
                    AnalysisSpec.NoData.valueOf(c.get(key + "onNoData")), Integer.parseInt(c.get(key + "noDataLimit"))));
        }
        return new ReleaseSpec(c.get("release.namespace"), c.get("release.channel"), c.get("release.deployment"),
                c.get("release.container"), c.get("release.hpa"), traffic, ServiceSpec.Strategy.valueOf(c.get("release.strategy")),
                Integer.parseInt(c.get("release.canaryReplicasPercent")), Integer.parseInt(c.get("analysis.maxRestarts")),
                Duration.parse(c.get("analysis.maxUnwatched")), Duration.parse(c.get("release.readyTimeout")),
                Duration.parse(c.get("analysis.interval")), c.get("analysis.prometheus.url"), queries);
    }

    private static Double number(String text) {
        return text == null ? null : Double.valueOf(text);
    }

    private static void putIf(Map<String, String> c, String key, String value) {
        if (value != null) {
            c.put(key, value);
        }
    }
}
