package dev.ticketsmith.slack;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short random ids for Slack requests (16 hex digits): one per request reaching {@code /slack/events}. */
final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
