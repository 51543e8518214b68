package dev.ticketsmith.slack;

import dev.ticketsmith.crypto.Sha256;

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
        return "sha256:" + Sha256.hex(body);
    }
}
