package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.Durations;
import dev.ticketsmith.kube.WorkloadReader;
import dev.ticketsmith.lock.Blocker;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.scale.ScalingOverride;
import dev.ticketsmith.scale.ScalingOverrides;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import dev.ticketsmith.slack.live.ScaleApprovalButtons;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /ticketsmith scale <service> min=<n> max=<m> [for <duration>] [in <env>] [reason…]} and
 * {@code scale <service> reset [in <env>]}. An override is a record: it patches the HPA's bounds
 * (through their one owner, so a promotion's floor and the override's give the higher one) or, with
 * no HPA, the Deployment's replicas (to {@code min}), and it ends by itself after its duration (2
 * hours unless given, at most {@code scaling.maxOverride}, at least 10 seconds). Refused above
 * {@code scaling.maxReplicas} and while a lock or a freeze holds; where the environment asks for
 * approvals, one above {@code scaling.approvalAbove} waits for an approver's click. A second
 * override replaces the first.
 */
@ApplicationScoped
public class ScaleCapability implements CapabilityHandler {

    static final Duration DEFAULT_DURATION = Duration.ofHours(2);
    static final Duration SHORTEST = Duration.ofSeconds(10);

    private final Catalog catalog;
    private final ScalingOverrides overrides;
    private final Locks locks;
    private final WorkloadReader workloads;
    private final ScaleApprovalButtons approvals;
    private final Clock clock;

    ScaleCapability(Catalog catalog, ScalingOverrides overrides, Locks locks, WorkloadReader workloads, ScaleApprovalButtons approvals,
                    Clock clock) {
        this.catalog = catalog;
        this.overrides = overrides;
        this.locks = locks;
        this.workloads = workloads;
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public String verb() {
        return "scale";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("scale", request.audit(), () -> scale(request));
    }

    private Handled scale(CommandRequest request) {
        Command.Scale scale = (Command.Scale) request.command();
        String env = request.resolved().environments().get(0);
        ServiceSpec service = catalog.service(scale.service(), env);
        EnvironmentSpec environment = catalog.environment(env).orElseThrow();
        if (scale.reset()) {
            return reset(request, scale, env);
        }
        Optional<String> refusal = refusal(scale, service, env);
        if (refusal.isPresent()) {
            return new Handled(request.audit().decided("scale", AuditDecision.REFUSED, refusal.get()), CommandOutcome.now(Replies.refused(refusal.get())));
        }
        Duration duration = scale.duration().orElse(min(DEFAULT_DURATION, service.scaling().maxOverride()));
        boolean needsApproval = environment.approvals() > 0 && service.scaling().approvalAbove().map(limit -> scale.max() > limit).orElse(false);
        Instant now = clock.instant();
        ScalingOverride o = new ScalingOverride();
        fill(o, scale, service, environment, request, duration, now, needsApproval);
        // a new override replaces the one of its kind: an active one once the new one is applied (its hold goes then), a waiting one now
        boolean replacing = false;
        for (ScalingOverride old : overrides.all(scale.service(), env)) {
            ScalingOverride locked = overrides.locked(old.id);
            if (locked.state.equals(o.state)) {
                locked.state = ScalingOverride.ENDED;
                locked.endedAt = now;
                locked.endReason = "replaced by a new override from " + request.invocation().userId();
                replacing = true;
            }
        }
        ScalingOverride.flush(); // the replaced one is no longer in that state before the new one is
        o.persist();
        String bounds = "`" + scale.service() + "` in " + env + " at " + scale.min() + "–" + scale.max() + " replicas for "
                + Durations.format(duration) + (scale.reason().isBlank() ? "" : " (" + scale.reason() + ")");
        var entry = request.audit().decided("scale", needsApproval ? AuditDecision.ACCEPTED : AuditDecision.ACCEPTED, "override " + o.id
                + (replacing ? " replaced: " : ": ") + scale.min() + "–" + scale.max() + " for " + Durations.format(duration)
                + (needsApproval ? ", waiting for an approver" : ""));
        long id = o.id;
        if (needsApproval) {
            String text = ":raised_hand: Scaling " + bounds + " asks for more than " + service.scaling().approvalAbove().orElseThrow()
                    + " replicas, so an approver in " + env + " must approve it (in <#" + environment.channel() + ">).";
            return new Handled(entry, CommandOutcome.later(SlackReply.ephemeral(text), () -> approvals.ask(id)));
        }
        String text = ":arrow_up_small: " + Blocks.person(request.invocation().userId()) + " is scaling " + bounds + ", until "
                + Blocks.date(o.expiresAt) + (replacing ? "; this replaces the override in force" : "") + ".";
        return new Handled(entry, CommandOutcome.later(SlackReply.inChannel(text), () -> applied(id, service, environment)));
    }

    /** Runs after the record committed: applies the override and answers with the HPA as it is now. */
    private SlackReply applied(long id, ServiceSpec service, EnvironmentSpec environment) {
        try {
            if (!overrides.applyNow(id)) {
                return SlackReply.ephemeral(":hourglass: The override is recorded; another replica is applying it.");
            }
        } catch (RuntimeException e) {
            return SlackReply.ephemeral(":warning: The override is recorded but not applied yet (" + e.getMessage() + "); TICKETSMITH keeps trying.");
        }
        var state = workloads.read(environment.kubeNamespace(), service.deployment(), service.container().orElse(null), service.hpa().orElse(null));
        return SlackReply.ephemeral(":white_check_mark: Applied. " + StatusReport.hpaLine(state));
    }

    private Handled reset(CommandRequest request, Command.Scale scale, String env) {
        Optional<ScalingOverride> current = overrides.current(scale.service(), env);
        if (current.isEmpty()) {
            String text = "`" + scale.service() + "` has no scaling override in " + env + ". Nothing was changed.";
            return new Handled(request.audit().decided("scale", AuditDecision.INVALID, text), CommandOutcome.now(SlackReply.ephemeral(text)));
        }
        ScalingOverride o = overrides.locked(current.get().id);
        if (ScalingOverride.ENDED.equals(o.state)) {
            String text = "The scaling override of `" + scale.service() + "` in " + env + " has just ended (" + o.endReason + ").";
            return new Handled(request.audit().decided("scale", AuditDecision.INVALID, text), CommandOutcome.now(SlackReply.ephemeral(text)));
        }
        String outcome = overrides.end(o, "reset by " + request.invocation().userId(), clock.instant());
        String text = ":arrow_down_small: " + Blocks.person(request.invocation().userId()) + " ended the scaling override of `" + scale.service()
                + "` in " + env + ": " + outcome + ".";
        return new Handled(request.audit().decided("scale", AuditDecision.STATE_CHANGE, "override " + o.id + " reset: " + outcome),
                CommandOutcome.now(SlackReply.inChannel(text)));
    }

    private Optional<String> refusal(Command.Scale scale, ServiceSpec service, String env) {
        if (service.hpa().isPresent() && scale.min() < 1) {
            return Optional.of("An HPA keeps at least one replica: ask for min=1 or more.");
        }
        int limit = service.scaling().maxReplicas();
        if (scale.max() > limit) {
            return Optional.of("max=" + scale.max() + " is more than the " + limit + " replicas `" + scale.service() + "` may have in " + env
                    + " (scaling.maxReplicas in the catalogue). Ask for at most " + limit + ".");
        }
        Duration longest = service.scaling().maxOverride();
        if (scale.duration().isPresent() && scale.duration().get().compareTo(longest) > 0) {
            return Optional.of("An override of `" + scale.service() + "` in " + env + " may last at most " + Durations.format(longest)
                    + " (scaling.maxOverride); ask `for " + Durations.format(longest) + "` or less.");
        }
        if (scale.duration().isPresent() && scale.duration().get().compareTo(SHORTEST) < 0) {
            return Optional.of("An override lasts at least 10s.");
        }
        return locks.blocking(scale.service(), env, clock.instant()).map(Blocker::what).map(what -> what + ". Scaling overrides wait until then.");
    }

    private void fill(ScalingOverride o, Command.Scale scale, ServiceSpec service, EnvironmentSpec environment, CommandRequest request,
                      Duration duration, Instant now, boolean needsApproval) {
        o.service = scale.service();
        o.environment = environment.name();
        o.namespace = environment.kubeNamespace();
        o.hpa = service.hpa().orElse(null);
        o.deployment = service.deployment();
        o.minReplicas = scale.min();
        o.maxReplicas = scale.max();
        o.reason = scale.reason();
        o.actorId = request.invocation().userId();
        o.actorName = request.invocation().userName();
        o.channel = environment.channel();
        o.createdAt = now;
        o.durationSecs = duration.toSeconds();
        o.state = needsApproval ? ScalingOverride.AWAITING_APPROVAL : ScalingOverride.ACTIVE;
        o.expiresAt = now.plus(needsApproval ? environment.approvalTtl() : duration);
        o.appliedAt = null;
        o.approvedBy = null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
