package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditRecord;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.ops.engine.TestSteps.External;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operation engine on real PostgreSQL: steps as data, a cursor, rollback as state, crash safety. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class OperationEngineTest {

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    AuditTrail audit;

    @Inject
    AgroalDataSource dataSource;

    private static StepSpec set(String key, String value) {
        return StepSpec.of("test.set", Map.of("key", key, "value", value));
    }

    private static StepSpec hold(String iso) {
        return StepSpec.of("test.hold", Map.of("for", iso));
    }

    private static String target() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Operation start(String target, List<StepSpec> steps, List<StepSpec> rollback) {
        StartResult result = engine.start(new OperationRequest("test", target, "staging", steps, rollback, "U0DEV1", "dev"));
        return assertInstanceOf(StartResult.Started.class, result).operation();
    }

    private Operation load(UUID id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    /** Ticks until the operation leaves the ticking phases or the rounds run out. */
    private Operation runToRest(UUID id, int rounds) throws SQLException {
        for (int i = 0; i < rounds; i++) {
            makeDue(id);
            reconciler.tick();
            Operation op = load(id);
            if (!Phase.TICKING.contains(op.phase)) {
                return op;
            }
        }
        return load(id);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private void makeDue(UUID id) throws SQLException {
        sql("UPDATE operation SET next_tick_at = now() - interval '1 second' WHERE id = '" + id + "'");
    }

    @Test
    void aPlanRunsStepByStepToSuccessAndEveryStepIsAudited() throws SQLException {
        String target = target();
        Operation op = start(target, List.of(set("image", "v2"), hold("PT0S"), set("weight", "100")), List.of(set("image", "v1")));
        assertEquals(Phase.PENDING, op.phase);
        Operation done = runToRest(op.id, 10);
        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals(3, done.stepIndex);
        assertEquals("v2", External.STATE.get(target + "/image"));
        assertEquals(1, External.writes(target + "/image"));
        assertEquals("none", done.handles.get("previous.image"));
        List<String> actions = audit.latest(Optional.of(target), 20).stream().map(r -> r.action + ":" + r.decision).toList();
        assertEquals(List.of("test.succeeded:SUCCEEDED", "test.step:STATE_CHANGE", "test.step:STATE_CHANGE", "test.step:STATE_CHANGE",
                "test.started:STATE_CHANGE", "test.requested:ACCEPTED"), actions);
        assertTrue(audit.latest(Optional.of(target), 20).stream().allMatch(r -> op.id.toString().equals(r.operationId)));
    }

    @Test
    void aSecondOperationOnTheSameTargetIsRefusedWithWhoHoldsIt() throws SQLException {
        String target = target();
        Operation first = start(target, List.of(hold("PT1H")), List.of());
        StartResult second = engine.start(new OperationRequest("test", target, "staging", List.of(set("a", "b")), List.of(), "U0OTHER", "other"));
        StartResult.Locked locked = assertInstanceOf(StartResult.Locked.class, second);
        assertEquals(first.id, locked.holder().id);
        assertEquals("U0DEV1", locked.holder().requesterId);
        assertEquals(Phase.PENDING, locked.holder().phase);
        assertInstanceOf(StartResult.Started.class,
                engine.start(new OperationRequest("test", target, "production", List.of(set("a", "b")), List.of(), "U0DEV1", "dev")));
    }

    @Test
    void aFailedStepTakesTheRollbackPath() throws SQLException {
        String target = target();
        Operation op = start(target, List.of(set("image", "v2"), StepSpec.of("test.fail", Map.of("reason", "smoke test answered 503"))),
                List.of(set("image", "v1")));
        Operation done = runToRest(op.id, 10);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertEquals("v1", External.STATE.get(target + "/image"));
        assertTrue(done.endReason.contains("smoke test answered 503"), done.endReason);
        assertInstanceOf(StartResult.Started.class, engine.start(new OperationRequest("test", target, "staging",
                List.of(set("a", "b")), List.of(), "U0DEV1", "dev")), "the lock is released once the operation ended");
    }

    @Test
    void abortRollsBackAndEndsAborted() throws SQLException {
        String target = target();
        Operation op = start(target, List.of(set("image", "v2"), hold("PT1H")), List.of(set("image", "v1")));
        runToRest(op.id, 3);
        assertEquals(Phase.RUNNING, load(op.id).phase);
        engine.abort(op.id, "U0LEAD1", "lead");
        Operation done = runToRest(op.id, 5);
        assertEquals(Phase.ABORTED, done.phase);
        assertEquals("v1", External.STATE.get(target + "/image"));
        assertThrows(IllegalStateException.class, () -> engine.abort(op.id, "U0LEAD1", "lead"));
    }

    @Test
    void aPausedOperationDoesNotMoveUntilResumed() throws SQLException {
        String target = target();
        Operation op = start(target, List.of(hold("PT0.3S"), set("weight", "100")), List.of());
        runToRest(op.id, 1);
        engine.pause(op.id, "U0DEV1", "dev");
        for (int i = 0; i < 3; i++) {
            makeDue(op.id);
            reconciler.tick();
        }
        Operation paused = load(op.id);
        assertEquals(Phase.PAUSED, paused.phase);
        assertEquals(0, paused.stepIndex);
        engine.resume(op.id, "U0DEV1", "dev");
        sql("UPDATE operation SET step_started_at = now() - interval '1 second' WHERE id = '" + op.id + "'");
        assertEquals(Phase.SUCCEEDED, runToRest(op.id, 10).phase);
    }

    @Test
    void aCrashMidStepIsResumedWithoutRepeatingTheEffect() throws SQLException {
        String target = target();
        External.CRASH_AFTER_WRITE.add(target + "/image");
        Operation op = start(target, List.of(set("image", "v2"), set("weight", "100")), List.of());
        makeDue(op.id);
        assertThrows(TestSteps.SimulatedCrash.class, () -> reconciler.tick());
        Operation afterCrash = load(op.id);
        assertEquals(Phase.PENDING, afterCrash.phase, "the tick's transaction rolled back: nothing of it is recorded");
        assertEquals(0, afterCrash.stepIndex);
        assertEquals(1, External.writes(target + "/image"), "the outside effect happened once");
        Operation done = runToRest(op.id, 10);
        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals(1, External.writes(target + "/image"), "the resumed step found the desired state and wrote nothing");
        assertEquals(1, External.writes(target + "/weight"));
    }

    @Test
    void replicasTickingTogetherNeverRunAStepTwice() throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String target = target();
            targets.add(target);
            ids.add(start(target, List.of(set("image", "v2"), set("weight", "100")), List.of()).id);
        }
        int overlapsBefore = External.OVERLAPS.get();
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 6; round++) {
                for (UUID id : ids) {
                    makeDue(id);
                }
                List<Future<Integer>> ticks = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    ticks.add(replicas.submit(() -> reconciler.tick()));
                }
                for (Future<Integer> t : ticks) {
                    t.get();
                }
            }
        } finally {
            replicas.shutdown();
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(Phase.SUCCEEDED, load(ids.get(i)).phase);
            assertEquals(1, External.writes(targets.get(i) + "/image"));
            long stepRecords = audit.latest(Optional.of(targets.get(i)), 20).stream().filter(r -> r.action.equals("test.step")).count();
            assertEquals(2, stepRecords, "each step completed exactly once");
        }
        assertEquals(overlapsBefore, External.OVERLAPS.get(), "no operation was reconciled by two replicas at once");
    }

    @Test
    void aPlanChangedInTheDatabaseStopsTheOperation() throws SQLException {
        Operation op = start(target(), List.of(hold("PT1H")), List.of());
        sql("UPDATE operation SET steps = '[{\"type\":\"test.hold\",\"params\":{\"for\":\"PT0S\"}}]' WHERE id = '" + op.id + "'");
        Operation done = runToRest(op.id, 3);
        assertEquals(Phase.FAILED, done.phase);
        assertTrue(done.endReason.contains("plan was changed"), done.endReason);
    }

    @Test
    void aStepThatKeepsThrowingFailsAfterBoundedRetries() throws SQLException {
        String target = target();
        Operation op = start(target, List.of(set("image", "v2"), StepSpec.of("test.throw", Map.of())), List.of(set("image", "v1")));
        Operation done = runToRest(op.id, 20);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("connection refused") && done.endReason.contains(OperationStepper.MAX_CONSECUTIVE_ERRORS + " times"),
                done.endReason);
        assertEquals("v1", External.STATE.get(target + "/image"));
    }

    @Test
    void aReconcileThatCannotBeCommittedCountsAsAnErrorAndStopsRepeatingItsEffect() throws SQLException {
        sql("CREATE OR REPLACE FUNCTION test_refuse_poison() RETURNS trigger AS $$ BEGIN"
                + " IF NEW.handles ? 'poison' THEN RAISE EXCEPTION 'the disk is full (test)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        sql("DROP TRIGGER IF EXISTS refuse_poison ON operation");
        sql("CREATE TRIGGER refuse_poison BEFORE UPDATE ON operation FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()");
        try {
            String target = target();
            Operation op = start(target, List.of(StepSpec.of("test.poison", Map.of())), List.of(set("image", "v1")));
            Operation done = runToRest(op.id, 20);
            assertEquals(Phase.ROLLED_BACK, done.phase, done.endReason);
            assertTrue(done.endReason.contains("could not be recorded " + OperationStepper.MAX_CONSECUTIVE_ERRORS + " times in a row")
                    && done.endReason.contains("the disk is full"), done.endReason);
            assertEquals(OperationStepper.MAX_CONSECUTIVE_ERRORS, External.writes(target + "/poison"),
                    "the step's effect is repeated a bounded number of times, not forever");
            assertEquals("v1", External.STATE.get(target + "/image"), "then the rollback path ran");
        } finally {
            sql("DROP TRIGGER IF EXISTS refuse_poison ON operation");
        }
    }
}
