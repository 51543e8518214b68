package dev.ticketsmith.slack.capability;

import dev.ticketsmith.catalog.CanaryStep;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.command.Durations;
import dev.ticketsmith.kube.WorkloadState;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.release.Release;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.live.OperationMessage;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Formats what the catalogue declares and what runs, one line per service and environment. */
public final class StatusReport {

    private StatusReport() {
    }

    /** What runs: image, readiness and autoscaler, or why it could not be read. */
    static String running(WorkloadState w) {
        if (w.problem() != null) {
            return ":grey_question: unknown: " + w.problem();
        }
        if (!w.found()) {
            return ":x: no Deployment found";
        }
        String health = w.ready() >= w.desired() && w.desired() > 0 ? ":large_green_circle:"
                : w.desired() == 0 ? ":white_circle:" : ":large_yellow_circle:";
        String line = health + " `" + (w.image() == null ? "no image" : w.image()) + "` · " + w.ready() + "/" + w.desired() + " ready";
        if (w.updated() < w.desired()) {
            line += " (" + w.updated() + " updated)";
        }
        return line + w.hpa().map(StatusReport::hpa).orElse("");
    }

    /** One environment along the pipeline, for a column: image, digest, since when, health. */
    static String stage(dev.ticketsmith.ops.promote.PipelineState.Stage st, java.time.Instant now) {
        String head = "*" + st.environment() + "*\n";
        if (st.problem() != null) {
            return head + ":grey_question: " + Blocks.escape(st.problem());
        }
        if (st.runs().isEmpty()) {
            return head + ":x: no pods";
        }
        if (st.image().isEmpty()) {
            long digests = st.runs().stream().map(r -> r.digest().orElse("?")).distinct().count();
            return head + ":large_yellow_circle: " + st.runs().size() + " pods, " + digests + " images (rolling out?)";
        }
        String image = st.image().get();
        String tagged = dev.ticketsmith.release.Versions.withoutDigest(image);
        var p = st.evidence().orElseThrow();
        String health = p.ready() == p.pods() && p.restarts() == 0 ? ":large_green_circle:" : ":large_yellow_circle:";
        return head + "`" + tagged.substring(tagged.lastIndexOf('/') + 1) + "`\n`" + p.digest().substring(0, Math.min(19, p.digest().length()))
                + "…`\n" + health + " " + p.ready() + "/" + p.pods() + " ready · " + p.restarts() + " restarts"
                + p.since().map(s -> " · up " + dev.ticketsmith.ops.promote.Provenance.human(p.ranFor(now))).orElse("");
    }

    /** The HPA's live state, for replies about scaling. */
    public static String hpaLine(WorkloadState w) {
        return w.hpa().map(StatusReport::hpa).map(line -> line.substring(3)).orElse("no HPA: " + w.desired() + " replicas, " + w.ready() + " ready");
    }

    /**
     * Where an HPA departs from the catalogue's autoscaling policy (scale out above the CPU target,
     * in below {@code scaleInBelow}: a CPU target and a scale-down behaviour), or empty.
     */
    static java.util.Optional<String> policyDrift(WorkloadState.HpaState h, dev.ticketsmith.catalog.AutoscalingSpec policy) {
        List<String> departs = new java.util.ArrayList<>();
        if (h.cpuTarget() == null || h.cpuTarget() != policy.cpuTarget()) {
            departs.add("its CPU target is " + (h.cpuTarget() == null ? "not set" : h.cpuTarget() + "%") + ", not " + policy.cpuTarget() + "%");
        }
        if (!h.scaleDownBehaviour()) {
            departs.add("it has no scale-down behaviour (scale in below " + policy.scaleInBelow() + "% CPU)");
        }
        return departs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(":warning: The HPA departs from the catalogue's"
                + " autoscaling policy: " + String.join("; ", departs) + ".");
    }

    private static String hpa(WorkloadState.HpaState h) {
        String cpu = h.cpuTarget() == null ? ""
                : ", CPU " + (h.cpuCurrent() == null ? "?" : h.cpuCurrent() + "%") + " of " + h.cpuTarget() + "% target";
        return " · HPA " + h.minReplicas() + "–" + h.maxReplicas() + " (" + h.currentReplicas() + " now"
                + (h.desiredReplicas() > 0 && h.desiredReplicas() != h.currentReplicas() ? ", " + h.desiredReplicas() + " wanted" : "") + cpu + ")";
    }

    /**
     * The current release and the one a rollback would return to (the newest that ran something
     * else), each with who released it and when; or that none is recorded.
     */
    static String releases(List<Release> newestFirst) {
        if (newestFirst.isEmpty()) {
            return "No release recorded yet.";
        }
        Release current = newestFirst.get(0);
        String line = "Current release " + ReleaseLines.describe(current);
        Optional<Release> previous = dev.ticketsmith.release.Releases.previous(newestFirst);
        return line + previous.map(p -> " · previous " + ReleaseLines.describe(p) + " (what `rollback` returns to)")
                .orElse(" · no earlier release");
    }

    /** An operation in flight: what, which step, its latest news and a link to its live message. */
    static String inFlight(Operation op) {
        StepSpec step = op.currentStep();
        String where = op.onRollbackPath ? "rolling back" : op.phase.name().toLowerCase().replace('_', ' ')
                + (step == null ? "" : ", step " + (op.stepIndex + 1) + "/" + op.steps.size() + " (" + OperationMessage.label(step) + ")");
        String link = op.slackTs == null ? "" : " · <https://slack.com/archives/" + op.slackChannel + "/p" + op.slackTs.replace(".", "")
                + "|live message>";
        String news = op.latestReason() == null ? "" : "\n_" + Blocks.escape(Blocks.clip(op.latestReason(), 300)) + "_";
        return ":arrows_counterclockwise: *" + op.kind + "* `" + op.id + "` by " + Blocks.person(op.requesterId) + ": " + where + link + news;
    }

    /** What the catalogue declares for a service in one environment: routing and release plan. */
    static String declared(ServiceSpec s) {
        String steps = s.steps().stream().map(StatusReport::step).collect(Collectors.joining(" → "));
        return "Deployment `" + s.deployment() + "`" + s.hpa().map(h -> ", HPA `" + h + "`").orElse("")
                + " · traffic by " + router(s.traffic()) + " · " + s.strategy().name().toLowerCase().replace('_', '-')
                + " " + steps;
    }

    private static String step(CanaryStep step) {
        return step.weight() + "% (" + Durations.format(step.hold()) + ")";
    }

    private static String router(TrafficSpec t) {
        return switch (t.router()) {
            case ALB_INGRESS -> "ALB Ingress `" + t.ingress().orElse("?") + "` action `" + t.action().orElse("?") + "`";
            case HTTP_ROUTE -> "HTTPRoute `" + t.route().orElse("?") + "`";
            case REPLICAS -> "replica ratio";
        };
    }
}
