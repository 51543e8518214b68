package dev.ticketsmith.testing;

import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.UUID;
import java.util.function.Predicate;

/** Drives an operation tick by tick, the test playing the controllers in between. */
public final class OperationDriver {

    private final Reconciler reconciler;
    private final AgroalDataSource dataSource;
    private final Runnable controller;

    public OperationDriver(Reconciler reconciler, AgroalDataSource dataSource, Runnable controller) {
        this.reconciler = reconciler;
        this.dataSource = dataSource;
        this.controller = controller;
    }

    public static Operation load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    /** Ticks until the predicate holds or the operation ends (at most 200 ticks). */
    public Operation runUntil(UUID id, Predicate<Operation> until) throws Exception {
        Operation op = load(id);
        for (int i = 0; i < 200 && !until.test(op) && Phase.TICKING.contains(op.phase); i++) {
            controller.run();
            Operations.makeDue(dataSource, id);
            reconciler.tick();
            op = load(id);
            if (op.currentStep() != null && op.currentStep().params().containsKey("hold")) {
                Thread.sleep(150);
            }
        }
        return op;
    }

    /** True once the cursor is on a step of that type (and weight, unless null). */
    public static Predicate<Operation> at(String type, String weight) {
        return o -> o.currentStep() != null && o.currentStep().type().equals(type)
                && (weight == null || weight.equals(o.currentStep().param("weight")));
    }
}
