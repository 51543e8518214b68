package dev.ticketsmith.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bolt's side of a slash command: hand the invocation, with its delivery key, to
 * {@link CommandService} (which drops repeats), ack with its reply, and run any slow follow-up
 * afterwards on the Slack worker pool.
 */
@ApplicationScoped
public class SlashCommandHandler {

    private final CommandService commands;
    private final SlackWebApi slack;

    SlashCommandHandler(CommandService commands, SlackWebApi slack) {
        this.commands = commands;
        this.slack = slack;
    }

    Response handle(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload p = request.getPayload();
        Invocation invocation = new Invocation(p.getUserId(), p.getUserName(), p.getTeamId(), p.getChannelId(),
                p.getCommand(), p.getText() == null ? "" : p.getText(), p.getResponseUrl(),
                "command:" + DeliveryKey.of(p.getTriggerId(), request.getRequestBodyAsString()));
        org.jboss.logging.MDC.put(InteractionHandler.MDC_DELIVERY_KEY, invocation.deliveryKey());
        CommandOutcome outcome = commands.handle(invocation);
        outcome.followUp().ifPresent(work -> slack.async("reply to " + invocation.commandName(),
                () -> slack.respond(invocation.responseUrl(), work.get())));
        SlackReply reply = outcome.reply();
        if (reply == null) {
            return ctx.ack();
        }
        return ctx.ack(r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral")
                .text(reply.text()).blocks(reply.blocks()));
    }
}
