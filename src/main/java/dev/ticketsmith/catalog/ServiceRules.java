package dev.ticketsmith.catalog;

import dev.ticketsmith.catalog.AnalysisSpec.MetricQuery;
import dev.ticketsmith.catalog.TrafficSpec.Router;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validation rules of a service as resolved for one environment. Paths are relative to the
 * service ({@code traffic.ingress}); the caller decides whether they belong under the service or
 * under one of its environment overrides.
 */
final class ServiceRules {

    private final Checks checks;

    ServiceRules(Problems problems) {
        this.checks = new Checks(problems);
    }

    void check(ServiceSpec service) {
        if (!derivedFromInvalid(service.deployment(), service.name(), service.name(), Checks.CATALOGUE_NAME)) {
            checks.dnsName("deployment", service.deployment());
        }
        service.container().ifPresent(container -> checks.dnsLabel("container", container));
        service.hpa().ifPresent(hpa -> checks.dnsName("hpa", hpa));
        traffic(service.traffic(), service.deployment());
        smoke(service.smoke());
        analysis(service.analysis());
        steps(service.steps());
        checks.positive("readyTimeout", service.readyTimeout());
        checks.range("canaryReplicasPercent", service.canaryReplicasPercent(), 1, 100);
        capacity(service.scaling(), service.autoscaling());
    }

    private void capacity(ScalingSpec scaling, AutoscalingSpec autoscaling) {
        checks.atLeast("scaling.maxReplicas", scaling.maxReplicas(), 1);
        scaling.approvalAbove().ifPresent(above -> {
            checks.atLeast("scaling.approvalAbove", above, 0);
            if (above > scaling.maxReplicas()) {
                checks.problem("scaling.approvalAbove", "must not be above maxReplicas, " + scaling.maxReplicas() + " (got " + above + ")");
            }
        });
        checks.positive("scaling.maxOverride", scaling.maxOverride());
        checks.range("autoscaling.cpuTarget", autoscaling.cpuTarget(), 1, 100);
        checks.range("autoscaling.scaleInBelow", autoscaling.scaleInBelow(), 0, 100);
        if (autoscaling.scaleInBelow() >= autoscaling.cpuTarget()) {
            checks.problem("autoscaling.scaleInBelow", "must be below cpuTarget, " + autoscaling.cpuTarget()
                    + " (got " + autoscaling.scaleInBelow() + ")");
        }
    }

    private void traffic(TrafficSpec traffic, String deployment) {
        Router router = traffic.router();
        routerField("traffic.ingress", traffic.ingress(), router, Router.ALB_INGRESS);
        routerField("traffic.action", traffic.action(), router, Router.ALB_INGRESS);
        routerField("traffic.route", traffic.route(), router, Router.HTTP_ROUTE);
        traffic.ingress().ifPresent(ingress -> checks.dnsName("traffic.ingress", ingress));
        traffic.action().ifPresent(action -> checks.dnsLabel("traffic.action", action));
        traffic.route().ifPresent(route -> checks.dnsName("traffic.route", route));
        if (!derivedFromInvalid(traffic.stableService(), deployment, deployment, Checks.DNS_NAME)) {
            checks.dnsLabel("traffic.stableService", traffic.stableService());
        }
        if (!derivedFromInvalid(traffic.canaryService(), traffic.stableService() + "-canary", traffic.stableService(), Checks.DNS_LABEL)) {
            checks.dnsLabel("traffic.canaryService", traffic.canaryService());
        }
        if (traffic.canaryService().equals(traffic.stableService())) {
            checks.problem("traffic.canaryService", "must differ from stableService (both are \"" + traffic.stableService() + "\")");
        }
        checks.range("traffic.port", traffic.port(), 1, 65535);
    }

    /**
     * Whether {@code value} is the default {@code derived} from {@code source} and {@code source} is
     * itself invalid: then the problem is reported once, on the source, not again on what follows.
     */
    private static boolean derivedFromInvalid(String value, String derived, String source, Pattern sourceFormat) {
        return value.equals(derived) && !sourceFormat.matcher(source).matches();
    }

    private void routerField(String path, Optional<String> value, Router router, Router usedBy) {
        String usedByName = Scalars.wireName(usedBy);
        if (router == usedBy && value.isEmpty()) {
            checks.problem(path, "required when router is " + usedByName);
        } else if (router != usedBy && value.isPresent()) {
            checks.problem(path, "only used when router is " + usedByName + " (router is " + Scalars.wireName(router) + ")");
        }
    }

    private void smoke(SmokeSpec smoke) {
        if (!smoke.url().startsWith("http://") && !smoke.url().startsWith("https://")) {
            checks.problem("smoke.url", "must start with http:// or https:// (got \"" + smoke.url() + "\")");
        }
        placeholders("smoke.url", smoke.url());
        checks.range("smoke.expectStatus", smoke.expectStatus(), 100, 599);
        checks.atLeast("smoke.attempts", smoke.attempts(), 1);
        checks.positive("smoke.timeout", smoke.timeout());
    }

    private void analysis(AnalysisSpec analysis) {
        checks.atLeast("analysis.maxRestarts", analysis.maxRestarts(), 0);
        checks.positive("analysis.maxUnwatched", analysis.maxUnwatched());
        checks.positive("analysis.interval", analysis.interval());
        analysis.prometheus().ifPresent(prometheus -> {
            if (!prometheus.url().matches("https?://.+")) {
                checks.problem("analysis.prometheus.url", "must be an http:// or https:// URL (got \"" + prometheus.url() + "\")");
            }
            List<MetricQuery> queries = prometheus.queries();
            checks.unique("analysis.prometheus.queries", queries.stream().map(MetricQuery::name).toList());
            for (int i = 0; i < queries.size(); i++) {
                String path = Problems.item("analysis.prometheus.queries", i);
                MetricQuery query = queries.get(i);
                placeholders(path + ".query", query.query());
                if (query.min().isEmpty() && query.max().isEmpty()) {
                    checks.problem(path, "needs max, min or both, otherwise it checks nothing");
                }
                checks.ordered(path, query.min(), query.max());
                checks.atLeast(path + ".noDataLimit", query.noDataLimit(), 1);
            }
        });
    }

    private void steps(List<CanaryStep> steps) {
        if (steps.isEmpty()) {
            checks.problem("steps", "must list at least one step, ending at weight 100");
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            String path = Problems.item("steps", i) + ".weight";
            int weight = steps.get(i).weight();
            checks.range(path, weight, 1, 100);
            if (i > 0 && weight <= steps.get(i - 1).weight()) {
                checks.problem(path, "must be greater than the previous step's weight (" + steps.get(i - 1).weight() + ")");
            }
        }
        int last = steps.get(steps.size() - 1).weight();
        if (last != 100) {
            checks.problem(Problems.item("steps", steps.size() - 1) + ".weight",
                    "the last step must send all traffic to the new version: weight 100 (got " + last + ")");
        }
    }

    private void placeholders(String path, String template) {
        for (String placeholder : ServiceSpec.placeholdersIn(template)) {
            if (!ServiceSpec.PLACEHOLDERS.contains(placeholder)) {
                checks.problem(path, "unknown placeholder {" + placeholder + "}" + Suggestions.hint(placeholder, ServiceSpec.PLACEHOLDERS)
                        + "; known: " + String.join(", ", ServiceSpec.PLACEHOLDERS));
            }
        }
    }
}
