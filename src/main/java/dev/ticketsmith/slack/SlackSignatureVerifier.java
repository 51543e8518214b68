package dev.ticketsmith.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Slack's v0 request signature: {@code v0=} + hex HMAC-SHA256(secret, {@code v0:<ts>:<raw body>}).
 * Compared in constant time; a timestamp too far in the past <em>or the future</em> is refused
 * (Bolt's own check lets future timestamps through).
 */
public final class SlackSignatureVerifier {

    /** Why a request was refused; the name is the metric tag and never reveals a secret. */
    public enum Outcome { VALID, MISSING_HEADERS, MALFORMED_TIMESTAMP, STALE_TIMESTAMP, FUTURE_TIMESTAMP, BAD_SIGNATURE }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public SlackSignatureVerifier(String signingSecret, Duration tolerance, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Checks one request: its two headers as sent and its raw body bytes. */
    public Outcome verify(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null || timestampHeader.isBlank() || signatureHeader.isBlank()) {
            return Outcome.MISSING_HEADERS;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Outcome.MALFORMED_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - tolerance.toSeconds()) {
            return Outcome.STALE_TIMESTAMP;
        }
        if (timestamp > now + tolerance.toSeconds()) {
            return Outcome.FUTURE_TIMESTAMP;
        }
        byte[] expected = sign(timestampHeader.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Outcome.VALID : Outcome.BAD_SIGNATURE;
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }
}
