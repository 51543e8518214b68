package dev.ticketsmith.ops.engine;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Step actions for the engine tests, acting on {@link External}, a stand-in for an outside system
 * that holds desired state (as the Kubernetes API does): steps write only on difference.
 */
final class TestSteps {

    private TestSteps() {
    }

    /** A crash of the process: not caught by the engine, so the tick's transaction rolls back. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** The outside system: key → value, with a count of writes and of concurrent reconciles. */
    static final class External {
        static final Map<String, String> STATE = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> WRITES = new ConcurrentHashMap<>();
        static final Set<String> CRASH_AFTER_WRITE = ConcurrentHashMap.newKeySet();
        static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();
        static final AtomicInteger OVERLAPS = new AtomicInteger();

        static void set(String key, String value) {
            if (!value.equals(STATE.get(key))) {
                STATE.put(key, value);
                WRITES.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
        }

        static int writes(String key) {
            return WRITES.getOrDefault(key, new AtomicInteger()).get();
        }
    }

    /** {@code test.set key=… value=…}: makes the outside system hold a value. */
    @ApplicationScoped
    static class SetStep implements StepAction {
        @Override
        public String type() {
            return "test.set";
        }

        @Override
        public StepResult reconcile(StepContext ctx) {
            String key = ctx.target() + "/" + ctx.step().param("key");
            if (!External.IN_FLIGHT.add(ctx.operationId())) {
                External.OVERLAPS.incrementAndGet();
            }
            try {
                External.set(key, ctx.step().param("value"));
                ctx.putHandle("previous." + ctx.step().param("key"), "none");
                if (External.CRASH_AFTER_WRITE.remove(key)) {
                    throw new SimulatedCrash();
                }
                return StepResult.done("set " + key);
            } finally {
                External.IN_FLIGHT.remove(ctx.operationId());
            }
        }
    }

    /** {@code test.hold for=…}: waits, without sleeping, until the step has run that long. */
    @ApplicationScoped
    static class HoldStep implements StepAction {
        @Override
        public String type() {
            return "test.hold";
        }

        @Override
        public StepResult reconcile(StepContext ctx) {
            Duration hold = Duration.parse(ctx.step().param("for"));
            if (ctx.skipHolds() || ctx.elapsed().compareTo(hold) >= 0) {
                return StepResult.done("held " + hold);
            }
            return StepResult.waitFor(Duration.ofMillis(200), "holding for " + hold);
        }
    }

    /** {@code test.fail reason=…}: a check that fails. */
    @ApplicationScoped
    static class FailStep implements StepAction {
        @Override
        public String type() {
            return "test.fail";
        }

        @Override
        public StepResult reconcile(StepContext ctx) {
            return StepResult.fail(ctx.step().param("reason"));
        }
    }

    /**
     * {@code test.poison}: acts on the outside system (counted under {@code <target>/poison}) and
     * records a handle that a test's trigger refuses, so the reconcile's transaction never commits.
     */
    @ApplicationScoped
    static class PoisonStep implements StepAction {
        @Override
        public String type() {
            return "test.poison";
        }

        @Override
        public StepResult reconcile(StepContext ctx) {
            External.WRITES.computeIfAbsent(ctx.target() + "/poison", k -> new AtomicInteger()).incrementAndGet();
            ctx.putHandle("poison", "1");
            return StepResult.done("poisoned");
        }
    }

    /** {@code test.throw}: an outside system that keeps erroring. */
    @ApplicationScoped
    static class ThrowStep implements StepAction {
        @Override
        public String type() {
            return "test.throw";
        }

        @Override
        public StepResult reconcile(StepContext ctx) {
            throw new IllegalStateException("connection refused");
        }
    }
}
