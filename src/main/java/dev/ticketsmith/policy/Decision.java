package dev.ticketsmith.policy;

/**
 * The answer to "may this user do this here?", with the reason in words that can be shown to the
 * user as is: a denial says who may, an allowance says why.
 *
 * @param allowed whether the action may go ahead
 * @param reason a sentence for the user, in Slack mrkdwn
 */
public record Decision(boolean allowed, String reason) {

    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
