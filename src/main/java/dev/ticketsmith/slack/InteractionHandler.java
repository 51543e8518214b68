package dev.ticketsmith.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;

/**
 * Bolt's side of interactivity (buttons and modal submissions): drop replays, route each click to
 * the {@link ButtonHandler} that owns its action id, ack at once and answer the clicker through the
 * {@code response_url}. A click nobody handles is recorded and answered, not ignored.
 */
@ApplicationScoped
public class InteractionHandler {

    private final List<ButtonHandler> handlers;
    private final SlackDeliveries deliveries;
    private final SlackWebApi slack;
    private final AuditTrail audit;

    /** The MDC key of the delivery key of the Slack request being handled (its {@code trigger_id}, else a hash of its body). */
    public static final String MDC_DELIVERY_KEY = dev.ticketsmith.logging.LogContext.SLACK_DELIVERY_KEY;

    private final SlackMetrics metrics;

    InteractionHandler(Instance<ButtonHandler> handlers, SlackDeliveries deliveries, SlackWebApi slack, AuditTrail audit,
                       SlackMetrics metrics) {
        this.metrics = metrics;
        this.handlers = handlers.stream().toList();
        this.deliveries = deliveries;
        this.slack = slack;
        this.audit = audit;
    }

    Response handleBlockAction(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload p = request.getPayload();
        if (p.getActions() == null || p.getActions().isEmpty()) {
            return ctx.ack();
        }
        String key = "action:" + DeliveryKey.of(p.getTriggerId(), request.getRequestBodyAsString());
        org.jboss.logging.MDC.put(MDC_DELIVERY_KEY, key);
        if (!deliveries.firstTime(key)) {
            metrics.refused("duplicate");
            return ctx.ack();
        }
        BlockActionPayload.Action action = p.getActions().get(0);
        ButtonClick click = new ButtonClick(p.getUser().getId(), p.getUser().getUsername(),
                p.getTeam() == null ? null : p.getTeam().getId(),
                p.getChannel() == null ? null : p.getChannel().getId(),
                action.getActionId(), action.getValue(),
                p.getContainer() == null ? null : p.getContainer().getMessageTs(), p.getResponseUrl());
        SlackReply reply = handlers.stream().filter(h -> h.handles(click.actionId())).findFirst()
                .map(h -> h.handle(click))
                .orElseGet(() -> unknownButton(click));
        if (reply != null && click.responseUrl() != null) {
            slack.async("answer a click", () -> slack.respond(click.responseUrl(), reply));
        }
        return ctx.ack();
    }

    Response handleViewSubmission(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        return ctx.ack();
    }

    private SlackReply unknownButton(ButtonClick click) {
        audit.record(AuditEntry.by(click.userId(), click.userName()).in(click.teamId(), click.channelId())
                .command("button " + click.actionId())
                .decided("button", AuditDecision.INVALID, "no handler for action " + click.actionId()));
        return SlackReply.ephemeral(":warning: That button is not active any more. Nothing was changed.");
    }
}
