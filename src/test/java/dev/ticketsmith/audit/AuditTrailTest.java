package dev.ticketsmith.audit;

import dev.ticketsmith.testing.FakeSlackResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    ChainVerifier verifier;

    @Inject
    AgroalDataSource dataSource;

    private static AuditEntry entry(String target, String detail) {
        return AuditEntry.by("U0TEST", "tester").in("T0FAKE", "C0OPS").command("/ticketsmith test")
                .target(target, "staging").decided("test", AuditDecision.ACCEPTED, detail);
    }

    @Test
    void eachRecordLinksToThePreviousOne() {
        String target = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        AuditRecord first = trail.record(entry(target, "one"));
        AuditRecord second = trail.record(entry(target, "two"));
        assertTrue(second.seq > first.seq);
        List<AuditRecord> latest = trail.latest(Optional.of(target), 10);
        assertEquals(List.of("two", "one"), latest.stream().map(r -> r.detail).toList());
        AuditRecord newest = latest.get(0);
        assertEquals(AuditHashing.contentHash(newest), newest.contentHash);
        assertEquals(AuditHashing.recordHash(newest.contentHash, newest.previousHash), newest.recordHash);
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        String target = "par-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AuditRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String detail = "n" + i;
                futures.add(pool.submit(() -> trail.record(entry(target, detail))));
            }
            for (Future<AuditRecord> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, trail.latest(Optional.of(target), 100).size());
        ChainVerification result = verifier.verify();
        assertTrue(result.intact(), () -> "chain broken: " + result);
    }

    @Test
    void aDeliveryKeyRecordsOnceEvenWhenItsRepeatsArriveTogether() throws Exception {
        String key = "command:" + UUID.randomUUID();
        String target = "once-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<AuditRecord>>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> trail.recordOnce(key, entry(target, "repeat"))));
            }
            long recorded = 0;
            for (Future<Optional<AuditRecord>> f : futures) {
                recorded += f.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, recorded);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, trail.latest(Optional.of(target), 100).size());
        assertTrue(trail.recordOnce(key, entry(target, "later")).isEmpty());
        assertTrue(trail.recordOnce(null, entry(target, "no key")).isPresent());
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() throws SQLException {
        AuditRecord r = trail.record(entry("immutable", "original"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_record SET detail = 'forged' WHERE seq = " + r.seq));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_record WHERE seq = " + r.seq));
            assertThrows(SQLException.class, () -> s.executeUpdate("TRUNCATE audit_record"));
        }
        assertEquals("original", trail.latest(Optional.of("immutable"), 1).get(0).detail);
    }

    @Test
    void verificationFindsARecordEditedAroundTheTriggers() throws SQLException {
        AuditRecord r = trail.record(entry("tamper", "honest"));
        assertTrue(verifier.verify().intact());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // a superuser can switch triggers off: the hash chain still tells
            s.execute("SET session_replication_role = replica");
            s.executeUpdate("UPDATE audit_record SET detail = 'edited' WHERE seq = " + r.seq);
            try {
                ChainVerification result = verifier.verify();
                assertEquals(false, result.intact());
                assertEquals(r.seq, result.firstBrokenSeq());
                assertTrue(result.problem().contains("content does not match"), result.problem());
            } finally {
                s.executeUpdate("UPDATE audit_record SET detail = 'honest' WHERE seq = " + r.seq);
                s.execute("SET session_replication_role = origin");
            }
        }
        assertTrue(verifier.verify().intact());
    }

    @Test
    void gapsAndBrokenLinksAreNamed() {
        AuditRecord r = trail.record(entry("links", "x"));
        assertEquals(null, ChainVerifier.problemWith(r, r.seq, r.previousHash));
        assertTrue(ChainVerifier.problemWith(r, r.seq - 1, r.previousHash).contains("missing"));
        assertTrue(ChainVerifier.problemWith(r, r.seq, AuditHashing.GENESIS.replace('0', 'f')).contains("previous-hash"));
    }
}
