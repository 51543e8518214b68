package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.lock.ChangeLock;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** {@code /ticketsmith unlock <service|env>}: lifts the lock, announced in the channel. */
@ApplicationScoped
public class UnlockCapability implements CapabilityHandler {

    private final Locks locks;

    UnlockCapability(Locks locks) {
        this.locks = locks;
    }

    @Override
    public String verb() {
        return "unlock";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("unlock", request.audit(), () -> unlock(request));
    }

    private Handled unlock(CommandRequest request) {
        Command.Unlock unlock = (Command.Unlock) request.command();
        var who = request.invocation();
        Optional<ChangeLock> lifted = locks.unlock(unlock.target(), who.userId());
        if (lifted.isEmpty()) {
            String text = "`" + unlock.target() + "` is not locked. Nothing was changed.";
            return new Handled(request.audit().decided("unlock", AuditDecision.INVALID, text), CommandOutcome.now(SlackReply.ephemeral(text)));
        }
        ChangeLock lock = lifted.get();
        String text = ":unlock: " + Blocks.person(who.userId()) + " unlocked `" + unlock.target() + "` (locked by " + Blocks.person(lock.actorId)
                + " since " + Blocks.date(lock.createdAt) + ": " + lock.reason + ").";
        return new Handled(request.audit().decided("unlock", AuditDecision.ACCEPTED, "lock " + lock.id + " lifted"),
                CommandOutcome.now(SlackReply.inChannel(text)));
    }
}
