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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The path of every slash command: parse, resolve against the catalogue, authorise, record, then
 * hand to the capability that carries it out. Every request leaves exactly one audit record on its
 * way out, accepted or not.
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

    public CommandOutcome handle(Invocation invocation) {
        AuditEntry.Builder entry = AuditEntry.by(invocation.userId(), invocation.userName())
                .in(invocation.teamId(), invocation.channelId()).command(invocation.typed());
        ParseResult parsed = parser.parse(invocation.text());
        if (parsed instanceof ParseResult.Invalid invalid) {
            audit.record(entry.decided(invalid.verb().orElse("unknown"), AuditDecision.INVALID, invalid.problem()));
            return CommandOutcome.now(Replies.invalid(invalid.problem(), invalid.usage()));
        }
        Resolution resolution = resolver.resolve(((ParseResult.Parsed) parsed).command());
        if (resolution instanceof Resolution.Unresolved unresolved) {
            audit.record(entry.decided(unresolved.verb(), AuditDecision.INVALID, unresolved.problem()));
            return CommandOutcome.now(Replies.invalid(unresolved.problem(), unresolved.usage()));
        }
        ResolvedRequest request = ((Resolution.Resolved) resolution).request();
        String verb = request.command().verb();
        entry.target(request.target(), request.environmentLabel());
        Decision decision = authorise(invocation.userId(), request);
        if (!decision.allowed()) {
            audit.record(entry.decided(verb, AuditDecision.REFUSED, decision.reason()));
            return CommandOutcome.now(Replies.refused(decision.reason()));
        }
        CapabilityHandler capability = capabilities.get(verb);
        if (capability == null) {
            String summary = Summaries.of(request);
            audit.record(entry.decided(verb, AuditDecision.NOT_ENABLED, verb + " is not enabled in this deployment: " + summary));
            return CommandOutcome.now(Replies.notEnabled(verb, summary));
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
