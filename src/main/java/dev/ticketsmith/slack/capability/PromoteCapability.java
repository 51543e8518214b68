package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.promote.PromotionStarter;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /ticketsmith promote <service> <version|image> [to <env>]}: records a canary promotion for
 * the engine and answers at once; the live message in the environment's channel follows it.
 */
@ApplicationScoped
public class PromoteCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final PromotionStarter promotions;

    PromoteCapability(Catalog catalog, PromotionStarter promotions) {
        this.catalog = catalog;
        this.promotions = promotions;
    }

    @Override
    public String verb() {
        return "promote";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("promote", request.audit(), () -> start(request));
    }

    /** Runs inside the command's transaction: the operation starts only if its record commits with it. */
    private Handled start(CommandRequest request) {
        Command.Promote promote = (Command.Promote) request.command();
        String env = request.resolved().environments().get(0);
        var invocation = request.invocation();
        PromotionStarter.Outcome outcome = promotions.start(promote.service(), env, promote.artifact(), invocation.userId(), invocation.userName());
        if (outcome instanceof PromotionStarter.Busy busy) {
            return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, busy.reason()),
                    CommandOutcome.now(Replies.refused(busy.reason())));
        }
        var op = ((PromotionStarter.Started) outcome).operation();
        String channel = catalog.environment(env).orElseThrow().channel();
        String text = ":rocket: Promotion of `" + promote.service() + "` to `" + promote.artifact() + "` in " + env + " started"
                + " (operation `" + op.id + "`, " + op.steps.size() + " steps). Follow it in <#" + channel + ">.";
        return new Handled(request.audit().operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED,
                "operation " + op.id + " started: " + op.steps.size() + " steps"), CommandOutcome.now(SlackReply.ephemeral(text)));
    }
}
