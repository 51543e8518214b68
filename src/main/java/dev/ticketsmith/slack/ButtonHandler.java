package dev.ticketsmith.slack;

/**
 * Handles the clicks on one family of buttons (approve, reject, abort, ...). Implementations are
 * CDI beans; {@link InteractionHandler} picks the one whose {@link #handles(String)} accepts the
 * action id. A handler validates, authorises, records and returns quickly.
 */
public interface ButtonHandler {

    boolean handles(String actionId);

    /** The ephemeral answer to the clicker, or null for none. */
    SlackReply handle(ButtonClick click);
}
