package dev.ticketsmith.slack;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.BAD_SIGNATURE;
import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.FUTURE_TIMESTAMP;
import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.MALFORMED_TIMESTAMP;
import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.MISSING_HEADERS;
import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.STALE_TIMESTAMP;
import static dev.ticketsmith.slack.SlackSignatureVerifier.Outcome.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SlackSignatureVerifierTest {

    // Slack's documented example request (api.slack.com/authentication/verifying-requests-from-slack)
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier at(long epochSecond) {
        return new SlackSignatureVerifier(SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void slacksDocumentedExampleVerifies() {
        var verifier = at(Long.parseLong(TIMESTAMP));
        assertEquals(EXPECTED, verifier.sign(TIMESTAMP, BODY));
        assertEquals(VALID, verifier.verify(TIMESTAMP, EXPECTED, BODY));
    }

    @Test
    void oneChangedByteOfTheBodyFails() {
        byte[] tampered = BODY.clone();
        tampered[10] ^= 1;
        assertEquals(BAD_SIGNATURE, at(Long.parseLong(TIMESTAMP)).verify(TIMESTAMP, EXPECTED, tampered));
    }

    @Test
    void wrongSecretFails() {
        var other = new SlackSignatureVerifier("another-secret", Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)), ZoneOffset.UTC));
        assertEquals(BAD_SIGNATURE, other.verify(TIMESTAMP, EXPECTED, BODY));
    }

    @Test
    void timestampsJustInsideTheWindowPassAndJustOutsideFailBothWays() {
        long ts = Long.parseLong(TIMESTAMP);
        assertEquals(VALID, at(ts + 300).verify(TIMESTAMP, EXPECTED, BODY));
        assertEquals(STALE_TIMESTAMP, at(ts + 301).verify(TIMESTAMP, EXPECTED, BODY));
        assertEquals(VALID, at(ts - 300).verify(TIMESTAMP, EXPECTED, BODY));
        assertEquals(FUTURE_TIMESTAMP, at(ts - 301).verify(TIMESTAMP, EXPECTED, BODY));
    }

    @Test
    void missingOrMalformedHeadersAreNamed() {
        var verifier = at(Long.parseLong(TIMESTAMP));
        assertEquals(MISSING_HEADERS, verifier.verify(null, EXPECTED, BODY));
        assertEquals(MISSING_HEADERS, verifier.verify(TIMESTAMP, null, BODY));
        assertEquals(MISSING_HEADERS, verifier.verify(" ", EXPECTED, BODY));
        assertEquals(MALFORMED_TIMESTAMP, verifier.verify("yesterday", EXPECTED, BODY));
    }

    @Test
    void signatureWithAnotherVersionPrefixFails() {
        assertEquals(BAD_SIGNATURE, at(Long.parseLong(TIMESTAMP)).verify(TIMESTAMP, EXPECTED.replace("v0=", "v1="), BODY));
    }
}
