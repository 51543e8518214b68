package dev.ticketsmith.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of one Slack delivery: its {@code trigger_id} when Slack sent one (a retry repeats
 * it, a new click or command does not), else a hash of the exact body.
 */
final class DeliveryKey {

    private DeliveryKey() {
    }

    static String of(String triggerId, String body) {
        if (triggerId != null && !triggerId.isBlank()) {
            return triggerId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
