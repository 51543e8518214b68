package dev.ticketsmith.ops.engine;

import dev.ticketsmith.crypto.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of an operation's plan and rollback (and, when it has one, the context the steps act
 * on), over a length-prefixed encoding with parameters in key order. Stored when the operation
 * starts and checked on every tick: a plan changed in the database after it was shown (and
 * approved) stops the operation.
 */
public final class StepsHash {

    private StepsHash() {
    }

    public static String of(List<StepSpec> steps, List<StepSpec> rollbackSteps) {
        return of(Map.of(), steps, rollbackSteps);
    }

    /** An empty context hashes as operations did before they had one, so their stored hashes still hold. */
    public static String of(Map<String, String> context, List<StepSpec> steps, List<StepSpec> rollbackSteps) {
        MessageDigest digest = Sha256.digest();
        path(digest, steps);
        path(digest, rollbackSteps);
        if (!context.isEmpty()) {
            path(digest, List.of(StepSpec.of("context", context)));
        }
        return Sha256.hex(digest);
    }

    private static void path(MessageDigest digest, List<StepSpec> steps) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(steps.size()).array());
        for (StepSpec step : steps) {
            field(digest, step.type());
            Map<String, String> params = new TreeMap<>(step.params());
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(params.size()).array());
            params.forEach((k, v) -> {
                field(digest, k);
                field(digest, v);
            });
        }
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
