package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.kube.PodRun;
import dev.ticketsmith.kube.WorkloadException;
import dev.ticketsmith.kube.WorkloadReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service along the catalogue's pipeline, environment by environment, as its pods run it: image,
 * digest, how long and how healthy; and what {@code promote <service>} (no version) would do next.
 * Read-only; an environment that cannot be read says why and affects no other.
 */
@ApplicationScoped
public class PipelineState {

    /**
     * One environment's view of the service.
     *
     * @param environment the environment
     * @param runs        its pods, or empty with {@code problem} set
     * @param image       the one image with digest all pods run, or empty (none, mixed, unread)
     * @param evidence    the evidence for that digest there
     * @param problem     why it could not be read, or null
     */
    public record Stage(String environment, List<PodRun> runs, Optional<String> image, Optional<Provenance> evidence, String problem) {
    }

    private final Catalog catalog;
    private final WorkloadReader reader;

    PipelineState(Catalog catalog, WorkloadReader reader) {
        this.catalog = catalog;
        this.reader = reader;
    }

    /** The pipeline's environments the service runs in, in order. */
    public List<Stage> stages(String service) {
        List<Stage> stages = new ArrayList<>();
        for (String env : catalog.pipeline()) {
            if (catalog.deployedIn(service).contains(env)) {
                stages.add(stage(service, env));
            }
        }
        return stages;
    }

    private Stage stage(String service, String env) {
        EnvironmentSpec e = catalog.environment(env).orElseThrow();
        ServiceSpec s = catalog.service(service, env);
        try {
            List<PodRun> runs = reader.podRuns(e.kubeNamespace(), s.deployment(), s.container().orElse(null));
            var pick = PipelineSourceStep.upstream(env, runs);
            return new Stage(env, runs, pick.map(PipelineSourceStep.Pick::image),
                    pick.map(p -> Provenance.of(env, p.digest(), runs)), null);
        } catch (WorkloadException ex) {
            return new Stage(env, List.of(), Optional.empty(), Optional.empty(), ex.getMessage());
        }
    }

    /** What {@code promote <service>} would do now, in one line for people. */
    public String next(String service, List<Stage> stages, Instant now) {
        Optional<String> target = catalog.endOfPipeline();
        Optional<String> from = target.flatMap(catalog::previousInPipeline);
        if (target.isEmpty() || from.isEmpty()) {
            return "No pipeline in the catalogue: `promote " + service + "` needs a version.";
        }
        Optional<Stage> source = stages.stream().filter(st -> st.environment().equals(from.get())).findFirst();
        Optional<Stage> goal = stages.stream().filter(st -> st.environment().equals(target.get())).findFirst();
        if (source.isEmpty() || goal.isEmpty()) {
            return "`" + service + "` does not run in both " + from.get() + " and " + target.get() + ".";
        }
        if (source.get().image().isEmpty()) {
            return "`promote " + service + "` would wait: " + (source.get().problem() != null ? source.get().problem()
                    : from.get() + " runs no single digest now") + ".";
        }
        String image = source.get().image().get();
        if (goal.get().image().filter(image::equals).isPresent()) {
            return target.get() + " already runs what " + from.get() + " runs: `promote " + service + "` has nothing to bring.";
        }
        String line = "`promote " + service + "` would take `" + image + "` from " + from.get() + " to " + target.get();
        Optional<EnvironmentSpec.Provenance> gate = catalog.environment(target.get()).flatMap(EnvironmentSpec::provenance);
        if (gate.isEmpty()) {
            return line + ".";
        }
        Optional<Stage> gateStage = stages.stream().filter(st -> st.environment().equals(gate.get().minHealthyIn())).findFirst();
        String digest = source.get().evidence().orElseThrow().digest();
        Provenance evidence = Provenance.of(gate.get().minHealthyIn(), digest, gateStage.map(Stage::runs).orElse(List.of()));
        return line + evidence.refusal(gate.get().healthyFor(), now)
                .map(why -> "; the provenance guardrail would refuse it now (" + why + "): an approver may add `--force`.")
                .orElse("; the provenance guardrail lets it through.");
    }
}
