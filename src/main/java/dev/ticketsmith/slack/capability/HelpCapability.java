package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.Usage;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.SlackReply;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** {@code /ticketsmith help [subcommand]}: the whole help, or one subcommand's usage. */
@ApplicationScoped
public class HelpCapability implements CapabilityHandler {

    @Override
    public String verb() {
        return "help";
    }

    @Override
    public Handled handle(CommandRequest request) {
        Command.Help help = (Command.Help) request.command();
        String text = help.topic().map(Usage::of).orElseGet(Usage::help);
        return new Handled(request.audit().decided("help", AuditDecision.ANSWERED, help.topic().map(t -> "usage of " + t).orElse("help")),
                CommandOutcome.now(SlackReply.ephemeral(text, List.of(Blocks.section(text)))));
    }
}
