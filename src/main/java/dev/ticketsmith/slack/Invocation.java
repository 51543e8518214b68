package dev.ticketsmith.slack;

/**
 * Who asked what, from where: the parts of a slash command TICKETSMITH acts and audits on.
 *
 * @param commandName the slash command as configured in the workspace, e.g. {@code /ticketsmith}
 * @param text        what the user typed after it
 * @param deliveryKey identity of this delivery from Slack: a retry repeats it, a new command does not
 */
public record Invocation(String userId, String userName, String teamId, String channelId,
                         String commandName, String text, String responseUrl, String deliveryKey) {

    /** The command as the user typed it, for the audit trail. */
    public String typed() {
        return (commandName == null ? "/ticketsmith" : commandName) + (text == null || text.isEmpty() ? "" : " " + text);
    }
}
