package dev.ticketsmith.backup;

/**
 * A provider's API asked us to slow down (RDS throttling, a 5xx, a dropped connection). Not a
 * failure: the step waits longer, on its own back-off, and does not spend the operation's error
 * budget, so throttling for minutes never fails a two-hour restore.
 */
public class ProviderThrottled extends RuntimeException {

    public ProviderThrottled(String message, Throwable cause) {
        super(message, cause);
    }
}
