package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.PodRun;
import dev.ticketsmith.kube.WorkloadException;
import dev.ticketsmith.kube.WorkloadReader;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.release.Versions;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code pipeline.source}: decides what the promotion releases before anything changes, from what
 * really runs upstream.
 * <ul>
 *   <li>Without a version, the image that runs in the pipeline's previous environment, pinned to the
 *       digest its pods pulled ({@code imageID}), so a tag that moves meanwhile changes nothing.</li>
 *   <li>With a version and a provenance guardrail, the digest that version runs as in the guardrail's
 *       environment: the same bytes that were verified there.</li>
 *   <li>The guardrail ({@code provenance: {minHealthyIn, for}} of the target environment): every pod
 *       running the digest there ready, none restarted, running for at least {@code for}. Otherwise the
 *       promotion fails here, before anything changed, unless an approver added {@code --force}:
 *       then the waiver is recorded and shown.</li>
 * </ul>
 * The image and the evidence are recorded as handles; {@code canary.deploy} releases that image.
 */
@ApplicationScoped
public class PipelineSourceStep implements StepAction {

    public static final String TYPE = "pipeline.source";
    /** How long an upstream that cannot be read, or is mid-rollout, is waited for. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private final WorkloadReader reader;
    private final ReleaseTarget targets;
    private final ChannelAnnouncements announcements;

    PipelineSourceStep(WorkloadReader reader, ReleaseTarget targets, ChannelAnnouncements announcements) {
        this.reader = reader;
        this.targets = targets;
        this.announcements = announcements;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        if (ctx.handle(Handles.SOURCE_IMAGE).isPresent() || ctx.handle(Handles.PROVENANCE_WAIVED).isPresent()) {
            return StepResult.done(ctx.handle(Handles.SOURCE_IMAGE).map(i -> "releases `" + i + "`").orElse("provenance guardrail waived"));
        }
        var p = ctx.step();
        String version = p.param("version", "");
        String gate = p.param("gate", "");
        try {
            List<PodRun> gateRuns = gate.isEmpty() ? List.of() : reader.podRuns(p.param("gateNamespace"), p.param("gateDeployment"),
                    emptyToNull(p.param("gateContainer", "")));
            Pick pick;
            if (version.isEmpty()) {
                String from = p.param("from");
                List<PodRun> runs = gate.equals(from) ? gateRuns : reader.podRuns(p.param("fromNamespace"), p.param("fromDeployment"),
                        emptyToNull(p.param("fromContainer", "")));
                Optional<Pick> upstream = upstream(from, runs);
                if (upstream.isEmpty()) {
                    return patience(ctx, unsettled(from, runs));
                }
                pick = upstream.get();
                if (gate.isEmpty()) {
                    gateRuns = runs;
                    gate = from;
                }
            } else {
                Optional<Pick> asRun = asRunIn(version, gateRuns);
                if (asRun.isEmpty()) {
                    String why = "`" + version + "` does not run in " + gate + " (it runs " + runningThere(gateRuns) + ")";
                    return refuse(ctx, why, null);
                }
                pick = asRun.get();
            }
            Provenance evidence = Provenance.of(gate, pick.digest(), gateRuns);
            ctx.putHandle(Handles.PROVENANCE, evidence.line(ctx.now()));
            String healthyFor = p.param("healthyFor", "");
            Optional<String> refusal = healthyFor.isEmpty() ? Optional.empty() : evidence.refusal(Duration.parse(healthyFor), ctx.now());
            if (refusal.isPresent()) {
                return refuse(ctx, refusal.get(), pick.image());
            }
            ctx.putHandle(Handles.SOURCE_IMAGE, pick.image());
            return StepResult.done("releases `" + pick.image() + "`: " + evidence.line(ctx.now()));
        } catch (WorkloadException e) {
            return patience(ctx, e.getMessage());
        }
    }

    /** What an image and its digest are, once chosen. */
    record Pick(String image, String digest) {
    }

    /** The one digest every pod upstream runs, with its image as written; empty while there is not exactly one. */
    static Optional<Pick> upstream(String environment, List<PodRun> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(r -> r.digest().isEmpty())) {
            return Optional.empty();
        }
        List<String> digests = runs.stream().map(r -> r.digest().orElseThrow()).distinct().toList();
        if (digests.size() != 1) {
            return Optional.empty();
        }
        PodRun run = runs.stream().filter(r -> r.digest().orElseThrow().equals(digests.get(0))).findFirst().orElseThrow();
        return Optional.of(new Pick(Versions.withoutDigest(run.image()) + "@" + digests.get(0), digests.get(0)));
    }

    /** The digest {@code version} runs as among an environment's pods: the same tag, or the same digest. */
    static Optional<Pick> asRunIn(String version, List<PodRun> runs) {
        Optional<String> typedDigest = Versions.digestOf(version).or(() -> version.startsWith("sha256:") ? Optional.of(version) : Optional.empty());
        for (PodRun run : runs) {
            if (run.digest().isEmpty()) {
                continue;
            }
            String digest = run.digest().get();
            boolean same = typedDigest.map(digest::equals)
                    .orElseGet(() -> Versions.withoutDigest(Images.resolve(version, run.image())).equals(Versions.withoutDigest(run.image())));
            if (same) {
                return Optional.of(new Pick(Versions.withoutDigest(typedDigest.isPresent() ? run.image() : Images.resolve(version, run.image()))
                        + "@" + digest, digest));
            }
        }
        return Optional.empty();
    }

    private static String unsettled(String environment, List<PodRun> runs) {
        if (runs.isEmpty()) {
            return "nothing runs in " + environment + " to promote";
        }
        if (runs.stream().anyMatch(r -> r.digest().isEmpty())) {
            return "pods in " + environment + " report no image digest yet";
        }
        return environment + " runs " + runs.stream().map(r -> r.digest().orElseThrow()).distinct().count()
                + " different digests (a rollout in progress?)";
    }

    private static String runningThere(List<PodRun> runs) {
        List<String> images = runs.stream().map(r -> "`" + Versions.withoutDigest(r.image()) + "`").distinct().toList();
        return images.isEmpty() ? "nothing" : String.join(", ", images);
    }

    /** The guardrail says no: the promotion fails before anything changed, unless an approver forced it. */
    private StepResult refuse(StepContext ctx, String why, String image) {
        if ("true".equals(ctx.step().param("force", "false"))) {
            ctx.putHandle(Handles.PROVENANCE_WAIVED, why);
            announcements.announce(targets.of(ctx).channel(), ":warning: " + Blocks.person(ctx.requesterId()) + " forced the promotion of `"
                    + ctx.target() + "` to " + ctx.environment() + " past the provenance guardrail: " + why + " (operation `" + ctx.operationId() + "`).");
            if (image != null) { // otherwise the version as typed, resolved at the registry by canary.deploy
                ctx.putHandle(Handles.SOURCE_IMAGE, image);
            }
            return StepResult.done("provenance guardrail waived by --force: " + why);
        }
        return StepResult.failed("refused by the provenance guardrail: " + why + ". An approver may add `--force` to promote it anyway");
    }

    private static StepResult patience(StepContext ctx, String why) {
        if (ctx.elapsed().compareTo(PATIENCE) > 0) {
            return StepResult.failed("could not choose what to promote within " + PATIENCE.toMinutes() + "m: " + why);
        }
        return StepResult.waitFor(Duration.ofSeconds(5), why);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
