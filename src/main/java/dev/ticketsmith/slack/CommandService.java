package dev.ticketsmith.slack;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.command.CommandParser;
import dev.ticketsmith.command.CommandResolver;
import dev.ticketsmith.command.ParseResult;
import dev.ticketsmith.command.Resolution;
import dev.ticketsmith.command.ResolvedRequest;
import dev.ticketsmith.command.Summaries;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import dev.ticketsmith.slack.capability.CapabilityHandler;
import dev.ticketsmith.slack.capability.CommandRequest;
import dev.ticketsmith.slack.capability.Handled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The path of every slash command: parse, resolve against the catalogue, authorise, hand to the
 * capability that carries it out, then record. Every delivery leaves exactly one audit record on
 * its way out, accepted or not; a repeated delivery leaves none and does nothing.
 */
@ApplicationScoped
public class CommandService {

    private final CommandParser parser = new CommandParser();
    private final CommandResolver resolver;
    private final Policy policy;
    private final AuditTrail audit;
    private final Map<String, CapabilityHandler> capabilities;

    CommandService(CommandResolver resolver, Policy policy, AuditTrail audit, Instance<CapabilityHandler> capabilities) {
        this.resolver = resolver;
        this.policy = policy;
        this.audit = audit;
        this.capabilities = capabilities.stream().collect(Collectors.toMap(CapabilityHandler::verb, Function.identity()));
    }

    /**
     * Decides, then records once: the audit record and the delivery key commit together, and a
     * delivery seen before gets a bare ack with no reply and no follow-up.
     */
    public CommandOutcome handle(Invocation invocation) {
        Handled handled = decide(invocation);
        if (audit.recordOnce(invocation.deliveryKey(), handled.entry()).isEmpty()) {
            return CommandOutcome.repeat();
        }
        return handled.outcome();
    }

    private Handled decide(Invocation invocation) {
        AuditEntry.Builder entry = AuditEntry.by(invocation.userId(), invocation.userName())
                .in(invocation.teamId(), invocation.channelId()).command(invocation.typed());
        ParseResult parsed = parser.parse(invocation.text());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return new Handled(entry.decided(invalid.verb().orElse("unknown"), AuditDecision.INVALID, invalid.problem()),
                    CommandOutcome.now(Replies.invalid(invalid.problem(), invalid.usage())));
        }
        Resolution resolution = resolver.resolve(((ParseResult.Parsed) parsed).command());
        if (resolution instanceof Resolution.Unresolved unresolved) {
            return new Handled(entry.decided(unresolved.verb(), AuditDecision.INVALID, unresolved.problem()),
                    CommandOutcome.now(Replies.invalid(unresolved.problem(), unresolved.usage())));
        }
        ResolvedRequest request = ((Resolution.Resolved) resolution).request();
        String verb = request.command().verb();
        entry.target(request.target(), request.environmentLabel());
        Decision decision = authorise(invocation.userId(), request);
        if (!decision.allowed()) {
            return new Handled(entry.decided(verb, AuditDecision.REFUSED, decision.reason()),
                    CommandOutcome.now(Replies.refused(decision.reason())));
        }
        CapabilityHandler capability = capabilities.get(verb);
        if (capability == null) {
            String summary = Summaries.of(request);
            return new Handled(entry.decided(verb, AuditDecision.NOT_ENABLED, verb + " is not enabled in this deployment: " + summary),
                    CommandOutcome.now(Replies.notEnabled(verb, summary)));
        }
        return capability.handle(new CommandRequest(invocation, request, entry));
    }

    /** Allowed only if policy allows the action in every environment the request touches. */
    private Decision authorise(String userId, ResolvedRequest request) {
        if (request.environments().isEmpty()) {
            return policy.evaluate(userId, request.action(), null);
        }
        Decision last = null;
        for (String environment : request.environments()) {
            last = policy.evaluate(userId, request.action(), environment);
            if (!last.allowed()) {
                return last;
            }
        }
        return last;
    }
}
