package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /ticketsmith promote <service> <version|image> [to <env>]}: records a canary promotion for
 * the engine and answers at once; the live message in the environment's channel follows it.
 * Environments that require approvals, and services routed by replica ratio, are refused with the
 * reason until those parts of the release flow are enabled.
 */
@ApplicationScoped
public class PromoteCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final OperationEngine engine;

    PromoteCapability(Catalog catalog, OperationEngine engine) {
        this.catalog = catalog;
        this.engine = engine;
    }

    @Override
    public String verb() {
        return "promote";
    }

    @Override
    public Handled handle(CommandRequest request) {
        Command.Promote promote = (Command.Promote) request.command();
        String env = request.resolved().environments().get(0);
        ServiceSpec service = catalog.service(promote.service(), env);
        EnvironmentSpec environment = catalog.environment(env).orElseThrow();
        String unavailable = unavailable(service, environment);
        if (unavailable != null) {
            return new Handled(request.audit().decided("promote", AuditDecision.NOT_ENABLED, unavailable),
                    CommandOutcome.now(SlackReply.ephemeral(":construction: " + unavailable + " Nothing was changed.")));
        }
        var invocation = request.invocation();
        StartResult result = engine.start(PromotionPlan.build(service, environment, promote.artifact(), invocation.userId(), invocation.userName()));
        if (result instanceof StartResult.Locked locked) {
            return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, locked.explain()),
                    CommandOutcome.now(Replies.refused(locked.explain())));
        }
        var op = ((StartResult.Started) result).operation();
        String text = ":rocket: Promotion of `" + promote.service() + "` to `" + promote.artifact() + "` in " + env + " started"
                + " (operation `" + op.id + "`, " + op.steps.size() + " steps). Follow it in <#" + environment.channel() + ">.";
        return new Handled(request.audit().operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED,
                "operation " + op.id + " started: " + op.steps.size() + " steps"), CommandOutcome.now(SlackReply.ephemeral(text)));
    }

    private static String unavailable(ServiceSpec service, EnvironmentSpec environment) {
        if (environment.approvals() > 0) {
            return environment.name() + " requires " + environment.approvals() + " approvals, and the approval gate is not enabled in"
                    + " this deployment yet, so promotions to " + environment.name() + " cannot start.";
        }
        if (service.traffic().router() == TrafficSpec.Router.REPLICAS) {
            return "`" + service.name() + "` is routed by replica ratio, which promotions do not support yet;"
                    + " give it an ALB Ingress or an HTTPRoute in the catalogue.";
        }
        return null;
    }
}
