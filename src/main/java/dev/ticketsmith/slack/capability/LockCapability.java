package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.ResolvedRequest;
import dev.ticketsmith.lock.ChangeLock;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code /ticketsmith lock <service|env> [for <duration>] <reason…>}: from now on, promotions and
 * scaling overrides of what it covers are refused with who locked it, why and until when (an
 * approver may {@code promote … --force}); rollbacks never are. Announced in the channel. With a
 * duration it expires by itself, once, with an announcement.
 */
@ApplicationScoped
public class LockCapability implements CapabilityHandler {

    private final Locks locks;
    private final Clock clock;

    LockCapability(Locks locks, Clock clock) {
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    public String verb() {
        return "lock";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("lock", request.audit(), () -> lock(request));
    }

    private Handled lock(CommandRequest request) {
        Command.Lock lock = (Command.Lock) request.command();
        var who = request.invocation();
        Instant expires = lock.duration().map(d -> clock.instant().plus(d)).orElse(null);
        String kind = request.resolved().kind() == ResolvedRequest.TargetKind.ENVIRONMENT ? ChangeLock.ENVIRONMENT : ChangeLock.SERVICE;
        Locks.LockResult result = locks.lock(lock.target(), kind, lock.reason(), who.userId(), who.userName(), who.channelId(), expires);
        if (!result.created()) {
            ChangeLock held = result.lock();
            String why = "`" + lock.target() + "` is already locked by " + Blocks.person(held.actorId) + " since " + Blocks.date(held.createdAt)
                    + ": " + held.reason + ". `unlock " + lock.target() + "` first to change it.";
            return new Handled(request.audit().decided("lock", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
        }
        String text = ":lock: " + Blocks.person(who.userId()) + " locked `" + lock.target() + "`"
                + (expires == null ? " until someone unlocks it" : " until " + Blocks.date(expires)) + ": " + lock.reason()
                + ". Promotions and scaling overrides of " + (kind.equals(ChangeLock.ENVIRONMENT) ? "everything in it" : "it")
                + " are refused meanwhile (an approver may `promote … --force`); rollbacks are not.";
        return new Handled(request.audit().decided("lock", AuditDecision.ACCEPTED, "lock " + result.lock().id
                + (expires == null ? "" : " until " + expires) + ": " + lock.reason()), CommandOutcome.now(SlackReply.inChannel(text)));
    }
}
