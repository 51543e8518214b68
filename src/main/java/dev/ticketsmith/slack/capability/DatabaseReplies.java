package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;

import java.util.function.Function;

/** The answer to a command that starts a database operation: started (where to follow it), or refused because another holds the database. */
final class DatabaseReplies {

    private DatabaseReplies() {
    }

    static Handled started(CommandRequest request, String verb, StartResult result, String channel, Function<Operation, String> what) {
        if (result instanceof StartResult.Locked locked) {
            Operation holder = locked.holder();
            String why = "`" + holder.context.getOrDefault("db.name", holder.target) + "` is busy with " + holder.kind + " `" + holder.id
                    + "` (" + holder.phase.name().toLowerCase().replace('_', ' ') + ", requested by <@" + holder.requesterId
                    + ">); try again when it is done.";
            return new Handled(request.audit().decided(verb, AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
        }
        Operation op = ((StartResult.Started) result).operation();
        String text = what.apply(op) + " Operation `" + op.id + "`; follow it in <#" + channel + ">.";
        return new Handled(request.audit().operation(op.id.toString()).decided(verb, AuditDecision.ACCEPTED,
                "operation " + op.id + " started: " + op.steps.size() + " steps"), CommandOutcome.now(SlackReply.ephemeral(text)));
    }
}
