package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.lock.Blocker;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.ops.promote.PromotionStarter;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code /ticketsmith promote <service> <version|image> [to <env>] [--force]}: records a canary
 * promotion for the engine and answers at once; the live message in the environment's channel
 * follows it. A lock or an open change freeze refuses it, unless an approver there adds
 * {@code --force}, which is recorded and announced in the environment's channel.
 */
@ApplicationScoped
public class PromoteCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final PromotionStarter promotions;
    private final Locks locks;
    private final Policy policy;
    private final ChannelAnnouncements announcements;
    private final Clock clock;

    PromoteCapability(Catalog catalog, PromotionStarter promotions, Locks locks, Policy policy, ChannelAnnouncements announcements,
                      Clock clock) {
        this.catalog = catalog;
        this.promotions = promotions;
        this.locks = locks;
        this.policy = policy;
        this.announcements = announcements;
        this.clock = clock;
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
        Optional<Blocker> blocker = locks.blocking(promote.service(), env, clock.instant());
        if (promote.force() && blocker.isEmpty() && promotions.guarded(env)) {
            Decision approver = policy.evaluate(invocation.userId(), Action.APPROVE, env);
            if (!approver.allowed()) {
                String why = "Only an approver in " + env + " may force a promotion past its provenance guardrail: " + approver.reason();
                return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
            }
        }
        Optional<String> unmet = promotions.gateCannotBeMet(promote.service(), env);
        if (unmet.isPresent() && !promote.force()) {
            return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, unmet.get()),
                    CommandOutcome.now(Replies.refused(unmet.get())));
        }
        String forced = "";
        if (blocker.isPresent()) {
            if (!promote.force()) {
                String why = blocker.get().what() + ". An approver there may add `--force` to the promote command.";
                return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
            }
            Decision approver = policy.evaluate(invocation.userId(), Action.APPROVE, env);
            if (!approver.allowed()) {
                String why = blocker.get().what() + ". Only an approver may force a promotion past it: " + approver.reason();
                return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
            }
            forced = blocker.get().what();
        }
        PromotionStarter.Outcome outcome = promotions.start(promote.service(), env, promote.artifact().orElse(null), invocation.userId(),
                invocation.userName(), false, forced.isEmpty() ? null : forced, promote.force());
        if (outcome instanceof PromotionStarter.Busy busy) {
            return new Handled(request.audit().decided("promote", AuditDecision.REFUSED, busy.reason()),
                    CommandOutcome.now(Replies.refused(busy.reason())));
        }
        var op = ((PromotionStarter.Started) outcome).operation();
        String channel = catalog.environment(env).orElseThrow().channel();
        String what = promote.artifact().map(a -> "`" + promote.service() + "` to `" + a + "`")
                .orElseGet(() -> "`" + promote.service() + "` from " + catalog.previousInPipeline(env).orElse("upstream") + " (what runs there, by digest)");
        String text = ":rocket: Promotion of " + what + " in " + env + " started"
                + " (operation `" + op.id + "`, " + op.steps.size() + " steps). Follow it in <#" + channel + ">.";
        if (!forced.isEmpty()) {
            String announcement = ":warning: " + Blocks.person(invocation.userId()) + " forced a promotion of " + what + " in " + env + " past this: " + forced + ".";
            announcements.announce(channel, announcement);
            return new Handled(request.audit().operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED,
                    "operation " + op.id + " started with --force past: " + forced), CommandOutcome.now(SlackReply.inChannel(announcement
                    + " Operation `" + op.id + "`; follow it in <#" + channel + ">.")));
        }
        return new Handled(request.audit().operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED,
                "operation " + op.id + " started: " + op.steps.size() + " steps"), CommandOutcome.now(SlackReply.ephemeral(text)));
    }
}
