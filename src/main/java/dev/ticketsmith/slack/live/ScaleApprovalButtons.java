package dev.ticketsmith.slack.live;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import dev.ticketsmith.scale.ScalingOverride;
import dev.ticketsmith.scale.ScalingOverrides;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.ButtonHandler;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import dev.ticketsmith.slack.SlackWebApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The approval a large scaling override waits for: a message in the environment's channel with
 * Approve and Reject, and their clicks. Approvers of the environment only, never the person who
 * asked; the click, the override's new state and the record commit together; then the override is
 * applied and expires its full duration from the approval.
 */
@ApplicationScoped
public class ScaleApprovalButtons implements ButtonHandler {

    public static final String APPROVE = "ticketsmith.scale.approve";
    public static final String REJECT = "ticketsmith.scale.reject";

    private final ScalingOverrides overrides;
    private final Policy policy;
    private final AuditTrail audit;
    private final SlackWebApi slack;
    private final Clock clock;
    private final dev.ticketsmith.lock.Locks locks;
    private final jakarta.persistence.EntityManager em;

    ScaleApprovalButtons(ScalingOverrides overrides, Policy policy, AuditTrail audit, SlackWebApi slack, Clock clock,
                         dev.ticketsmith.lock.Locks locks, jakarta.persistence.EntityManager em) {
        this.locks = locks;
        this.em = em;
        this.overrides = overrides;
        this.policy = policy;
        this.audit = audit;
        this.slack = slack;
        this.clock = clock;
    }

    /** Posts the request for approval in the environment's channel; the reply to the requester says where. */
    public SlackReply ask(long id) {
        ScalingOverride o = QuarkusTransaction.requiringNew().call(() -> ScalingOverride.<ScalingOverride>findById(id));
        String text = ":raised_hand: " + Blocks.person(o.actorId) + " asks to scale `" + o.service + "` in " + o.environment + " to "
                + o.minReplicas + "–" + o.maxReplicas + " replicas for " + o.duration().toMinutes() + "m"
                + (o.reason == null || o.reason.isBlank() ? "" : " (" + o.reason + ")") + ". An approver, please.";
        List<LayoutBlock> blocks = List.of(Blocks.section(text), ActionsBlock.builder().blockId("scale").elements(List.of(
                ButtonElement.builder().actionId(APPROVE).text(plain("Approve")).value(Long.toString(id)).style("primary").build(),
                ButtonElement.builder().actionId(REJECT).text(plain("Reject")).value(Long.toString(id)).style("danger").build())).build());
        slack.postMessage(o.channel, null, text, blocks);
        return SlackReply.ephemeral("Asked for approval in <#" + o.channel + ">.");
    }

    @Override
    public boolean handles(String actionId) {
        return Set.of(APPROVE, REJECT).contains(actionId);
    }

    @Override
    public SlackReply handle(ButtonClick click) {
        boolean approve = click.actionId().equals(APPROVE);
        long id;
        try {
            id = Long.parseLong(click.value());
        } catch (NumberFormatException e) {
            return SlackReply.ephemeral(":warning: That button is not active any more. Nothing was changed.");
        }
        SlackReply reply = QuarkusTransaction.requiringNew().call(() -> decide(click, id, approve));
        if (approve && reply.text().startsWith(":white_check_mark:")) {
            try {
                overrides.applyNow(id);
            } catch (RuntimeException e) {
                return SlackReply.ephemeral(reply.text() + " It is not applied yet (" + e.getMessage() + "); TICKETSMITH keeps trying.");
            }
        }
        return reply;
    }

    private SlackReply decide(ButtonClick click, long id, boolean approve) {
        String verb = approve ? "approve" : "reject";
        ScalingOverride o = overrides.locked(id);
        AuditEntry.Builder entry = AuditEntry.by(click.userId(), click.userName()).in(click.teamId(), click.channelId()).command("button scale " + verb);
        if (o == null || !ScalingOverride.AWAITING_APPROVAL.equals(o.state)) {
            audit.record(entry.decided("scale", AuditDecision.INVALID, "no scaling override awaits approval: " + id));
            return SlackReply.ephemeral("Nothing to " + verb + ": this scaling override is not waiting for approval any more.");
        }
        entry.target(o.service, o.environment);
        Decision decision = policy.evaluate(click.userId(), Action.APPROVE, o.environment);
        if (!decision.allowed() || click.userId().equals(o.actorId)) {
            String why = !decision.allowed() ? decision.reason() : "You asked for this override, so another approver must approve it.";
            audit.record(entry.decided("scale", AuditDecision.REFUSED, why));
            return Replies.refused(why);
        }
        Instant now = clock.instant();
        var blocked = approve ? locks.blocking(o.service, o.environment, now) : java.util.Optional.<dev.ticketsmith.lock.Blocker>empty();
        if (blocked.isPresent()) {
            audit.record(entry.decided("scale", AuditDecision.REFUSED, blocked.get().what()));
            return Replies.refused(blocked.get().what() + ". Approve it once that is over.");
        }
        if (!approve) {
            overrides.end(o, "rejected by " + click.userId(), now);
            audit.record(entry.decided("scale", AuditDecision.REJECTED, "override " + id + " rejected"));
            return SlackReply.ephemeral(":x: Rejected: the autoscaler keeps its bounds.");
        }
        for (ScalingOverride active : overrides.all(o.service, o.environment)) {
            if (active.state.equals(ScalingOverride.ACTIVE)) { // replaced: its hold goes once this one is applied
                ScalingOverride old = overrides.locked(active.id);
                old.state = ScalingOverride.ENDED;
                old.endedAt = now;
                old.endReason = "replaced by override " + o.id;
            }
        }
        em.flush(); // the replaced one is no longer active before this one is
        o.state = ScalingOverride.ACTIVE;
        o.approvedBy = click.userId();
        o.expiresAt = now.plus(o.duration());
        o.appliedAt = null;
        audit.record(entry.decided("scale", AuditDecision.APPROVED, "override " + id + " approved: " + o.minReplicas + "–" + o.maxReplicas
                + " until " + o.expiresAt));
        return SlackReply.ephemeral(":white_check_mark: Approved: `" + o.service + "` in " + o.environment + " goes to " + o.minReplicas + "–"
                + o.maxReplicas + " replicas until " + Blocks.date(o.expiresAt) + ".");
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).build();
    }
}
