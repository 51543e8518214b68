package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.slack.Blocks;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Starts a canary promotion for Slack and for the HTTP API alike: builds the plan from the
 * catalogue and hands it to the engine, or says why it cannot start.
 */
@ApplicationScoped
public class PromotionStarter {

    /** What became of a request to promote. */
    public sealed interface Outcome permits Started, Busy {
    }

    /** The operation is recorded; the engine runs it. */
    public record Started(Operation operation) implements Outcome {
    }

    /** Another operation holds the service in that environment. */
    public record Busy(String reason) implements Outcome {
    }

    private final Catalog catalog;
    private final OperationEngine engine;

    PromotionStarter(Catalog catalog, OperationEngine engine) {
        this.catalog = catalog;
        this.engine = engine;
    }

    /** Names must be known to the catalogue (callers resolve them first). */
    public Outcome start(String serviceName, String environmentName, String artifact, String requesterId, String requesterName) {
        return start(serviceName, environmentName, artifact, requesterId, requesterName, false);
    }

    /** A promotion, or with {@code rollback} the fast promotion a rollback to an earlier release runs. */
    public Outcome start(String serviceName, String environmentName, String artifact, String requesterId, String requesterName,
                         boolean rollback) {
        return start(serviceName, environmentName, artifact, requesterId, requesterName, rollback, null);
    }

    /**
     * Like {@link #start(String, String, String, String, String, boolean)}; {@code forcedPast} names the
     * lock or freeze an approver forced the promotion past (recorded in its plan), or is null.
     */
    public Outcome start(String serviceName, String environmentName, String artifact, String requesterId, String requesterName,
                         boolean rollback, String forcedPast) {
        return start(serviceName, environmentName, artifact, requesterId, requesterName, rollback, forcedPast, false);
    }

    /**
     * A promotion (not a rollback): {@code artifact} null takes what runs in the pipeline's previous
     * environment; the target's provenance guardrail, if any, is checked first, and {@code force} (an
     * approver's) waives it on the record.
     */
    public Outcome start(String serviceName, String environmentName, String artifact, String requesterId, String requesterName,
                         boolean rollback, String forcedPast, boolean force) {
        ServiceSpec service = catalog.service(serviceName, environmentName);
        EnvironmentSpec environment = catalog.environment(environmentName).orElseThrow();
        PromotionPlan.Upstream upstream = rollback ? null : upstream(serviceName, environment, artifact == null, force);
        OperationRequest request = PromotionPlan.build(service, environment, artifact, upstream, requesterId, requesterName, rollback);
        if (forcedPast != null) {
            java.util.Map<String, String> context = new java.util.HashMap<>(request.context());
            context.put(PromotionPlan.FORCED_PAST, forcedPast);
            request = new OperationRequest(request.kind(), request.target(), request.environment(), context, request.steps(),
                    request.rollbackSteps(), request.requesterId(), request.requesterName());
        }
        StartResult result = engine.start(request);
        if (result instanceof StartResult.Locked locked) {
            return new Busy(busy(locked.holder()));
        }
        return new Started(((StartResult.Started) result).operation());
    }

    /** Whether a promotion to {@code environment} has a provenance guardrail to pass. */
    public boolean guarded(String environment) {
        return catalog.environment(environment).flatMap(EnvironmentSpec::provenance).isPresent();
    }

    /**
     * Why a promotion of {@code service} to {@code environment} cannot pass its provenance guardrail
     * whatever runs where: the service does not run in the guardrail's environment. Empty otherwise.
     */
    public Optional<String> gateCannotBeMet(String service, String environment) {
        return catalog.environment(environment).flatMap(EnvironmentSpec::provenance)
                .filter(gate -> !catalog.deployedIn(service).contains(gate.minHealthyIn()))
                .map(gate -> environment + " takes only images that ran healthy in " + gate.minHealthyIn() + " first, and `" + service
                        + "` does not run in " + gate.minHealthyIn() + ". An approver may add `--force`.");
    }

    /** The upstream check a promotion needs: none with a version and no guardrail. */
    private PromotionPlan.Upstream upstream(String service, EnvironmentSpec target, boolean fromPipeline, boolean force) {
        Optional<EnvironmentSpec.Provenance> gate = target.provenance();
        if (!fromPipeline && gate.isEmpty()) {
            return null;
        }
        String from = fromPipeline ? catalog.previousInPipeline(target.name()).orElseThrow() : null;
        // a guardrail the service cannot meet (it does not run there) is waived only by force, checked by the caller
        String gateEnv = gate.map(EnvironmentSpec.Provenance::minHealthyIn).filter(g -> catalog.deployedIn(service).contains(g)).orElse(null);
        if (!fromPipeline && gateEnv == null) {
            return null;
        }
        return new PromotionPlan.Upstream(from, from == null ? null : where(service, from), gateEnv, gateEnv == null ? null : where(service, gateEnv),
                gate.map(EnvironmentSpec.Provenance::healthyFor).orElse(null), force);
    }

    private ReleaseSpec where(String service, String environment) {
        return ReleaseSpec.of(catalog.service(service, environment), catalog.environment(environment).orElseThrow());
    }

    /** Who holds the service, with which operation and since when. */
    static String busy(Operation holder) {
        return "`" + holder.target + "` in " + holder.environment + " is busy: " + holder.kind + " `" + holder.id + "` requested by "
                + Blocks.person(holder.requesterId) + " is " + holder.phase.name().toLowerCase().replace('_', ' ')
                + " since <!date^" + holder.createdAt.getEpochSecond() + "^{date_short} {time}|" + holder.createdAt + ">.";
    }
}
