package dev.ticketsmith.slack.capability;

import com.slack.api.model.block.LayoutBlock;
import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.promote.PipelineState;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.kube.WorkloadReader;
import dev.ticketsmith.kube.WorkloadState;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.promote.PlanDrift;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.release.Releases;
import dev.ticketsmith.scale.ScalingOverride;
import dev.ticketsmith.scale.ScalingOverrides;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /ticketsmith status [service]}: what the catalogue declares and what the cluster runs.
 * Acked at once; the Kubernetes reads run afterwards and the answer comes through the
 * {@code response_url}.
 */
@ApplicationScoped
public class StatusCapability implements CapabilityHandler {

    private static final int MAX_BLOCKS = 48;

    private final Catalog catalog;
    private final WorkloadReader workloads;
    private final OperationEngine engine;
    private final Releases releases;
    private final Locks locks;
    private final ScalingOverrides overrides;
    private final PipelineState pipeline;

    StatusCapability(Catalog catalog, WorkloadReader workloads, OperationEngine engine, Releases releases, Locks locks,
                     ScalingOverrides overrides, PipelineState pipeline) {
        this.pipeline = pipeline;
        this.overrides = overrides;
        this.locks = locks;
        this.releases = releases;
        this.catalog = catalog;
        this.workloads = workloads;
        this.engine = engine;
    }

    @Override
    public String verb() {
        return "status";
    }

    @Override
    public Handled handle(CommandRequest request) {
        Command.Status status = (Command.Status) request.command();
        return new Handled(request.audit().decided("status", AuditDecision.ANSWERED, "status of " + status.service().orElse("all services")),
                CommandOutcome.later(null, () -> status.service().map(this::service).orElseGet(this::overview)));
    }

    SlackReply service(String name) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.header("Status of " + name));
        List<PipelineState.Stage> stages = pipeline.stages(name);
        if (stages.size() > 1) {
            Instant now = Instant.now();
            blocks.add(Blocks.fields(stages.stream().map(st -> StatusReport.stage(st, now)).toList()));
            blocks.add(Blocks.context(Blocks.escape(pipeline.next(name, stages, now))));
        }
        for (String env : catalog.deployedIn(name)) {
            EnvironmentSpec e = catalog.environment(env).orElseThrow();
            ServiceSpec s = catalog.service(name, env);
            WorkloadState running = read(e, s);
            if (running.found()) {
                releases.observe(name, env, running.image(), workloads.runningDigest(e.kubeNamespace(), s.deployment(),
                        s.container().orElse(null)).orElse(null), Instant.now());
            }
            String policyDrift = running.hpa().flatMap(h -> StatusReport.policyDrift(h, s.autoscaling())).map(d -> d + "\n").orElse("");
            blocks.add(Blocks.section("*" + env + "* (`" + e.namespace() + "`, <#" + e.channel() + ">)\n"
                    + StatusReport.running(running) + "\n" + StatusReport.releases(releases.latest(name, env, 10)) + "\n"
                    + changes(name, env) + policyDrift
                    + StatusReport.declared(s) + "\n"
                    + engine.active(name, env).map(op -> StatusReport.inFlight(op) + drift(op)).orElse("No operation in flight.")));
        }
        return SlackReply.ephemeral("Status of " + name, blocks);
    }

    /** Whether changes are blocked now (a lock, an open freeze) and the next freeze, each on its own line. */
    private String changes(String service, String env) {
        Instant now = Instant.now();
        StringBuilder lines = new StringBuilder();
        overrides.current(service, env).ifPresent(o -> lines.append(ScalingOverride.AWAITING_APPROVAL.equals(o.state)
                ? ":raised_hand: A scaling override to " + o.minReplicas + "–" + o.maxReplicas + " by " + Blocks.person(o.actorId)
                        + " waits for an approver\n"
                : ":arrow_up_small: Scaling override " + o.minReplicas + "–" + o.maxReplicas + " by " + Blocks.person(o.actorId)
                        + " until " + Blocks.date(o.expiresAt) + (o.reason == null || o.reason.isBlank() ? "" : " (" + o.reason + ")")
                        + " · `scale " + service + " reset in " + env + "` ends it\n"));
        locks.blocking(service, env, now).ifPresent(b -> lines.append(":lock: ").append(b.what()).append(" (rollbacks are not blocked)\n"));
        locks.nextFreeze(env, now).ifPresent(f -> lines.append(":snowflake: Next freeze: ").append(f).append("\n"));
        return lines.toString();
    }

    /** A warning when the catalogue changed after the operation's plan was made (the plan in flight does not change). */
    private String drift(Operation op) {
        return PlanDrift.of(op, catalog).map(what -> "\n:warning: The catalogue changed after this plan was made (" + Blocks.escape(what)
                + "); the operation keeps to the plan it was approved with.").orElse("");
    }

    SlackReply overview() {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.header("TICKETSMITH status"));
        for (EnvironmentSpec e : catalog.environments().values()) {
            List<String> lines = new ArrayList<>();
            for (String name : catalog.servicesIn(e.name())) {
                lines.add("• *" + name + "* " + StatusReport.running(read(e, catalog.service(name, e.name()))));
            }
            if (blocks.size() < MAX_BLOCKS) {
                blocks.add(Blocks.section("*" + e.name() + "* (`" + e.namespace() + "`, <#" + e.channel() + ">)\n"
                        + (lines.isEmpty() ? "no services" : String.join("\n", lines))));
            }
        }
        blocks.add(Blocks.context(catalog.databases().size() + " databases in the catalogue: "
                + String.join(", ", catalog.databases().keySet()) + ". `/ticketsmith status <service>` for details."));
        return SlackReply.ephemeral("TICKETSMITH status", blocks);
    }

    private WorkloadState read(EnvironmentSpec e, ServiceSpec s) {
        return workloads.read(e.kubeNamespace(), s.deployment(), s.container().orElse(null), s.hpa().orElse(null));
    }
}
