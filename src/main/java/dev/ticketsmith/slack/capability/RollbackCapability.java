package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.promote.PromotionStarter;
import dev.ticketsmith.release.Release;
import dev.ticketsmith.release.Releases;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@code /ticketsmith rollback <service> [to <version>] [in <env>] [reason…]}. A promotion in
 * flight stops and takes its rollback path at once (traffic back to stable first; inside the
 * scale-down delay the previous version is still there, so that is all it takes). Otherwise the
 * service goes back to its previous release, or to the named version if it ran there before, by a
 * fast promotion of that release's pinned image. A rollback is never blocked by a lock, a freeze or
 * a scaling override. With {@code rollback: break-glass} it needs no approval and is announced in
 * the channel; with {@code rollback: approval} one approver must click, as for promotions.
 */
@ApplicationScoped
public class RollbackCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final OperationEngine engine;
    private final PromotionStarter promotions;
    private final Releases releases;
    private final ChannelAnnouncements announcements;

    RollbackCapability(Catalog catalog, OperationEngine engine, PromotionStarter promotions, Releases releases,
                       ChannelAnnouncements announcements) {
        this.catalog = catalog;
        this.engine = engine;
        this.promotions = promotions;
        this.releases = releases;
        this.announcements = announcements;
    }

    @Override
    public String verb() {
        return "rollback";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("rollback", request.audit(), () -> rollBack(request));
    }

    private Handled rollBack(CommandRequest request) {
        Command.Rollback rollback = (Command.Rollback) request.command();
        String env = request.resolved().environments().get(0);
        EnvironmentSpec environment = catalog.environment(env).orElseThrow();
        var who = request.invocation();
        Optional<Operation> active = engine.active(rollback.service(), env);
        if (active.isPresent()) {
            return stop(request, active.get(), environment);
        }
        Optional<Release> target = rollback.toVersion().isPresent()
                ? releases.ranBefore(rollback.service(), env, rollback.toVersion().get())
                : releases.previous(rollback.service(), env);
        if (target.isEmpty()) {
            String why = nothingToRollBackTo(rollback, env);
            return new Handled(request.audit().decided("rollback", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
        }
        Release to = target.get();
        String image = to.digest != null && !to.image.contains("@") ? to.image + "@" + to.digest : to.image;
        var outcome = promotions.start(rollback.service(), env, image, who.userId(), who.userName(), true);
        if (outcome instanceof PromotionStarter.Busy busy) {
            return new Handled(request.audit().decided("rollback", AuditDecision.REFUSED, busy.reason()), CommandOutcome.now(Replies.refused(busy.reason())));
        }
        Operation op = ((PromotionStarter.Started) outcome).operation();
        String text = ":leftwards_arrow_with_hook: " + Blocks.person(who.userId()) + " is rolling `" + rollback.service() + "` in " + env
                + " back to `" + to.version() + "` (released " + when(to) + " by " + Blocks.person(to.actorId) + ")"
                + reason(rollback) + (environment.rollbackNeedsApproval() ? ". It waits for one approver." : ": break-glass, no approval.")
                + " Operation `" + op.id + "`; follow it in <#" + environment.channel() + ">.";
        announce(request, environment, text);
        return new Handled(request.audit().operation(op.id.toString()).decided("rollback", AuditDecision.ACCEPTED,
                "to " + to.image + " (release " + to.id + "), operation " + op.id), CommandOutcome.now(reply(environment, text)));
    }

    /** A promotion (or rollback) in flight: it stops and goes back at once. */
    private Handled stop(CommandRequest request, Operation op, EnvironmentSpec environment) {
        var who = request.invocation();
        Command.Rollback rollback = (Command.Rollback) request.command();
        if (op.onRollbackPath || op.kind.equals(dev.ticketsmith.ops.promote.PromotionPlan.ROLLBACK_KIND)) {
            String text = "`" + op.target + "` in " + op.environment + " is already rolling back (" + op.kind + " `" + op.id + "`).";
            return new Handled(request.audit().operation(op.id.toString()).decided("rollback", AuditDecision.INVALID, text),
                    CommandOutcome.now(SlackReply.ephemeral(text)));
        }
        engine.rollBack(op.id, who.userId(), who.userName(), rollback.reason());
        String text = ":leftwards_arrow_with_hook: " + Blocks.person(who.userId()) + " stopped the " + op.kind + " of `" + op.target + "` in "
                + op.environment + reason(rollback) + ": traffic goes back to the stable version at once and the canary is removed."
                + " Operation `" + op.id + "`.";
        announce(request, environment, text);
        return new Handled(request.audit().operation(op.id.toString()).decided("rollback", AuditDecision.ACCEPTED,
                "in-flight " + op.kind + " " + op.id + " rolled back"), CommandOutcome.now(reply(environment, text)));
    }

    /** Break-glass rollbacks are announced where they are typed and in the environment's channel. */
    private void announce(CommandRequest request, EnvironmentSpec environment, String text) {
        if (!environment.rollbackNeedsApproval() && !environment.channel().equals(request.invocation().channelId())) {
            announcements.announce(environment.channel(), text);
        }
    }

    private static SlackReply reply(EnvironmentSpec environment, String text) {
        return environment.rollbackNeedsApproval() ? SlackReply.ephemeral(text) : SlackReply.inChannel(text);
    }

    private String nothingToRollBackTo(Command.Rollback rollback, String env) {
        var recent = releases.latest(rollback.service(), env, 10);
        String ran = recent.isEmpty() ? "no release is recorded there yet"
                : "releases there: " + String.join(", ", recent.stream().map(r -> "`" + r.version() + "`").distinct().toList());
        return rollback.toVersion().map(v -> "`" + v + "` never ran in " + env + " before the current release (or was rolled back"
                        + " from), so I will not roll `" + rollback.service() + "` back to it (" + ran + "). Promote it instead if you mean to.")
                .orElse("There is no earlier release of `" + rollback.service() + "` in " + env + " to go back to (" + ran + ").");
    }

    private static String reason(Command.Rollback rollback) {
        return rollback.reason().isBlank() ? "" : " (" + rollback.reason() + ")";
    }

    private static String when(Release r) {
        return "<!date^" + r.releasedAt.getEpochSecond() + "^{date_short} {time}|" + r.releasedAt + ">";
    }
}
