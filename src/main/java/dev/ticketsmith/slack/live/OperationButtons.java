package dev.ticketsmith.slack.live;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.ButtonHandler;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/**
 * Abort, Pause, Resume and Promote now on a live message. Each click is checked against policy in the
 * operation's environment (abort as a rollback, so on-call may; promote now as an approval; pause
 * and resume as a promotion),
 * answered to the clicker only, and recorded; the engine records the change itself.
 */
@ApplicationScoped
public class OperationButtons implements ButtonHandler {

    private static final Set<String> ACTIONS = Set.of(OperationMessage.ABORT, OperationMessage.PAUSE, OperationMessage.RESUME,
            OperationMessage.PROMOTE_NOW);

    private final OperationEngine engine;
    private final Policy policy;
    private final AuditTrail audit;

    OperationButtons(OperationEngine engine, Policy policy, AuditTrail audit) {
        this.engine = engine;
        this.policy = policy;
        this.audit = audit;
    }

    @Override
    public boolean handles(String actionId) {
        return ACTIONS.contains(actionId);
    }

    @Override
    public SlackReply handle(ButtonClick click) {
        String verb = click.actionId().substring("ticketsmith.".length());
        AuditEntry.Builder entry = AuditEntry.by(click.userId(), click.userName()).in(click.teamId(), click.channelId())
                .command("button " + verb);
        Operation op = find(click.value());
        if (op == null) {
            audit.record(entry.decided(verb, AuditDecision.INVALID, "no operation " + click.value()));
            return SlackReply.ephemeral(":warning: That operation no longer exists. Nothing was changed.");
        }
        entry.target(op.target, op.environment).operation(op.id.toString());
        Decision decision = policy.evaluate(click.userId(), actionFor(verb), op.environment);
        if (!decision.allowed()) {
            audit.record(entry.decided(verb, AuditDecision.REFUSED, decision.reason()));
            return Replies.refused(decision.reason());
        }
        try {
            switch (verb) {
                case "abort" -> engine.abort(op.id, click.userId(), click.userName());
                case "pause" -> engine.pause(op.id, click.userId(), click.userName());
                case "promote-now" -> engine.promoteNow(op.id, click.userId(), click.userName());
                default -> engine.resume(op.id, click.userId(), click.userName());
            }
        } catch (IllegalStateException e) {
            audit.record(entry.decided(verb, AuditDecision.INVALID, e.getMessage()));
            return SlackReply.ephemeral("Nothing to do: " + e.getMessage() + ".");
        }
        return SlackReply.ephemeral(switch (verb) {
            case "abort" -> ":octagonal_sign: Aborted: traffic goes back to stable and the canary is removed.";
            case "pause" -> ":double_vertical_bar: Paused. Nothing moves until someone presses Resume.";
            case "promote-now" -> ":fast_forward: Promoting now: the remaining steps run without their holds.";
            default -> ":arrow_forward: Resumed; the current step's hold starts again.";
        });
    }

    /** Abort counts as a rollback (on-call may), Promote now as an approval, Pause and Resume as a promotion. */
    private static Action actionFor(String verb) {
        return switch (verb) {
            case "abort" -> Action.ROLLBACK;
            case "promote-now" -> Action.APPROVE;
            default -> Action.PROMOTE;
        };
    }

    private static Operation find(String value) {
        try {
            UUID id = UUID.fromString(value);
            return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
