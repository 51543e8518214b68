package dev.ticketsmith.policy;

import dev.ticketsmith.crypto.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * A fingerprint of what an approver approved: the service, the environment, the artifact and the
 * steps of the plan. An approval only counts for the plan it was given for.
 *
 * <p>The hash is the hex SHA-256 of an unambiguous encoding: a version tag, then each field as its
 * UTF-8 length (4 bytes, big-endian) followed by its bytes, and the plan as its step count followed
 * by each step the same way. So {@code ("ab", "c")} and {@code ("a", "bc")} never collide, and the
 * hash stays the same across releases of the bot unless the tag changes.
 */
public final class PlanHash {

    private static final String VERSION = "ticketsmith-plan-v1";

    private PlanHash() {
    }

    /**
     * @param artifact the image digest or version being rolled out
     * @param plan the steps of the plan, in order, as shown to the approver
     * @return 64 lower-case hex characters
     */
    public static String of(String service, String environment, String artifact, List<String> plan) {
        MessageDigest digest = Sha256.digest();
        field(digest, VERSION);
        field(digest, Objects.requireNonNull(service, "service"));
        field(digest, Objects.requireNonNull(environment, "environment"));
        field(digest, Objects.requireNonNull(artifact, "artifact"));
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(plan.size()).array());
        plan.forEach(step -> field(digest, Objects.requireNonNull(step, "plan step")));
        return Sha256.hex(digest);
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
