package dev.ticketsmith.slack;

/**
 * One button click from a Block Kit message: who clicked which action with which value, on which
 * message. Action ids are {@code ticketsmith.<verb>}; the value names the operation.
 */
public record ButtonClick(String userId, String userName, String teamId, String channelId,
                          String actionId, String value, String messageTs, String responseUrl) {
}
