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
import dev.ticketsmith.slack.capability.Acting;
import dev.ticketsmith.slack.capability.Handled;
import dev.ticketsmith.slack.capability.Handling;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The path of every slash command: parse, resolve against the catalogue, authorise, hand to the
 * capability that carries it out, then record. Every delivery leaves exactly one audit record on
 * its way out, accepted or not; a repeated delivery leaves none and does nothing. A command that
 * changes something commits its delivery key, its effect and its record together.
 */
@ApplicationScoped
public class CommandService {

    private static final Logger LOG = Logger.getLogger(CommandService.class);

    private final CommandParser parser = new CommandParser();
    private final CommandResolver resolver;
    private final Policy policy;
    private final AuditTrail audit;
    private final SlackDeliveries deliveries;
    private final Map<String, CapabilityHandler> capabilities;
    private final SlackMetrics metrics;

    CommandService(CommandResolver resolver, Policy policy, AuditTrail audit, SlackDeliveries deliveries,
                   Instance<CapabilityHandler> capabilities, SlackMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
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
        Handling handling = decide(invocation);
        if (handling instanceof Acting acting) {
            return act(invocation, acting);
        }
        Handled handled = (Handled) handling;
        if (audit.recordOnce(invocation.deliveryKey(), handled.entry()).isEmpty()) {
            metrics.refused("duplicate");
            return CommandOutcome.repeat();
        }
        countRefusal(handled.entry().decision());
        return handled.outcome();
    }

    private void countRefusal(AuditDecision decision) {
        if (decision == AuditDecision.INVALID) {
            metrics.refused("invalid_command");
        } else if (decision == AuditDecision.REFUSED) {
            metrics.refused("policy_refused");
        }
    }

    /**
     * A change: its delivery key, its effect and its audit record in one transaction. A delivery
     * seen before does nothing; a failure leaves nothing behind, and the user is told exactly that.
     */
    private CommandOutcome act(Invocation invocation, Acting acting) {
        AuditDecision[] decided = {null};
        try {
            CommandOutcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                if (!deliveries.firstTimeInTransaction(invocation.deliveryKey())) {
                    return CommandOutcome.repeat();
                }
                Handled done = acting.act().get();
                audit.record(done.entry());
                decided[0] = done.entry().decision();
                return done.outcome();
            });
            if (decided[0] == null) {
                metrics.refused("duplicate");
            } else {
                countRefusal(decided[0]);
            }
            return outcome;
        } catch (RuntimeException e) {
            LOG.errorf("%s by %s could not be committed; nothing was changed: %s", acting.verb(), invocation.userId(), e.toString());
            recordFailure(acting);
            return CommandOutcome.now(SlackReply.ephemeral(":warning: I could not record your `" + acting.verb()
                    + "` just now, so nothing was started or changed. Please try again in a moment."));
        }
    }

    /** Best effort: the failure itself goes into the audit trail, if the database takes it. */
    private void recordFailure(Acting acting) {
        try {
            audit.record(acting.audit().decided(acting.verb(), AuditDecision.FAILED, "could not be recorded, so nothing was changed"));
        } catch (RuntimeException e) {
            LOG.warnf("The failed %s could not be recorded either: %s", acting.verb(), e.toString());
        }
    }

    private Handling decide(Invocation invocation) {
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
