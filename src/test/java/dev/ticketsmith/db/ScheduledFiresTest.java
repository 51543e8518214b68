package dev.ticketsmith.db;

import dev.ticketsmith.testing.FakeSlackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled work runs once per scheduled time across replicas: the claim in {@code scheduled_fire}
 * lets the first caller through and no other, per cron fire time or per period of an interval job,
 * and a claim made in a transaction that rolls back is no claim.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class ScheduledFiresTest {

    @Inject
    ScheduledFires fires;

    private static String job() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void aCronFireTimeIsClaimedOnce() {
        String job = job();
        Instant at = Instant.parse("2026-12-02T05:00:00.250Z");
        assertTrue(fires.claim(job, at));
        assertFalse(fires.claim(job, at), "a second replica, same fire time");
        assertFalse(fires.claim(job, at.plusMillis(500)), "the same second, whatever the milliseconds");
        assertTrue(fires.claim(job, at.plusSeconds(3600)), "the next fire time");
    }

    @Test
    void anIntervalJobRunsOncePerPeriodWhateverEachReplicasPhase() {
        String job = job();
        Duration period = Duration.ofMinutes(15);
        Instant replicaA = Instant.parse("2026-12-02T10:03:11Z");
        Instant replicaB = Instant.parse("2026-12-02T10:14:59Z");
        assertTrue(fires.claimPeriod(job, period, replicaA));
        assertFalse(fires.claimPeriod(job, period, replicaB), "the same quarter hour");
        assertTrue(fires.claimPeriod(job, "15m", replicaA.plus(period)), "the next quarter hour");
        assertFalse(fires.claimPeriod(job, "15m", replicaB.plus(period)));
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), ScheduledFires.periodStart(period, replicaB));
    }

    @Test
    void aClaimInATransactionThatRollsBackIsNoClaim() {
        String job = job();
        Instant at = Instant.parse("2026-12-02T06:00:00Z");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(fires.claim(job, at));
            throw new IllegalStateException("the work it started failed");
        }));
        assertTrue(fires.claim(job, at), "the fire time is free again");
    }

    @Test
    void oldClaimsAreForgotten() {
        String job = job();
        Instant old = Instant.now().minus(Duration.ofDays(40));
        assertTrue(fires.claim(job, old));
        fires.forgetOlderThan(Duration.ofDays(30));
        assertTrue(fires.claim(job, old), "forgotten, so claimable again");
        assertFalse(fires.claim(job, old));
    }
}
