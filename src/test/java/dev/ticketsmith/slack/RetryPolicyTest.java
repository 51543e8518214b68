package dev.ticketsmith.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void rateLimitedCallsWaitWhatRetryAfterSays() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60));
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.nextWait(new HttpOutcome(429, "ratelimited", null, "7")));
    }

    @Test
    void aMissingOrUnreadableRetryAfterWaitsOneSecond() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60));
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.nextWait(new HttpOutcome(429, "ratelimited", null, null)));
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.nextWait(new HttpOutcome(429, "ratelimited", null, "soon")));
    }

    @Test
    void aCallBoundInTimeGivesUpRatherThanWaitPastItsBound() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.nextWait(new HttpOutcome(429, "ratelimited", null, "7")));
        assertTrue(policy.nextWait(new HttpOutcome(429, "ratelimited", null, "30")).isEmpty(), "30 s would end past the bound");
    }

    @Test
    void aRetryAfterBeyondTheCapGivesUp() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60));
        assertTrue(policy.nextWait(new HttpOutcome(429, "ratelimited", null, "61")).isEmpty());
    }

    @Test
    void serverErrorsBackOffExponentiallyABoundedNumberOfTimes() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60));
        var error = new HttpOutcome(503, "HTTP 503");
        assertEquals(Optional.of(Duration.ofMillis(250)), policy.nextWait(error));
        assertEquals(Optional.of(Duration.ofMillis(500)), policy.nextWait(error));
        assertEquals(Optional.of(Duration.ofMillis(1000)), policy.nextWait(error));
        assertTrue(policy.nextWait(error).isEmpty());
    }

    @Test
    void slackRefusalsAreFinal() {
        var policy = new RetryPolicy(3, 8, Duration.ofSeconds(60));
        assertTrue(policy.nextWait(new HttpOutcome(200, "channel_not_found")).isEmpty());
        assertTrue(policy.nextWait(new HttpOutcome(404, "HTTP 404")).isEmpty());
    }

    @Test
    void rateLimitWaitsAreBoundedToo() {
        var policy = new RetryPolicy(3, 2, Duration.ofSeconds(60));
        var limited = new HttpOutcome(429, "ratelimited", null, "1");
        assertTrue(policy.nextWait(limited).isPresent());
        assertTrue(policy.nextWait(limited).isPresent());
        assertTrue(policy.nextWait(limited).isEmpty());
    }
}
