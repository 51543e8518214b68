package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares a promotion in flight with the plan the catalogue would make now: a ConfigMap edited
 * after the plan was made changes nothing in flight (the plan is frozen), but people should know
 * their next release will differ.
 */
public final class PlanDrift {

    private PlanDrift() {
    }

    /** What changed in the catalogue since {@code op}'s plan was made, or empty when nothing did. */
    public static Optional<String> of(Operation op, Catalog catalog) {
        boolean rollback = PromotionPlan.ROLLBACK_KIND.equals(op.kind);
        if (!(PromotionPlan.KIND.equals(op.kind) || rollback) || op.context.isEmpty()) {
            return Optional.empty();
        }
        if (catalog.environment(op.environment).isEmpty() || !catalog.deployedIn(op.target).contains(op.environment)) {
            return Optional.of("the catalogue no longer has `" + op.target + "` in " + op.environment);
        }
        OperationRequest now = PromotionPlan.build(catalog.service(op.target, op.environment), catalog.environment(op.environment).orElseThrow(),
                op.steps.get(0).param("artifact"), op.requesterId, op.requesterName, rollback);
        List<String> changed = new ArrayList<>(changedKeys(op.context, now.context()));
        if (!op.steps.equals(now.steps()) || !op.rollbackSteps.equals(now.rollbackSteps())) {
            changed.add("steps");
        }
        return changed.isEmpty() ? Optional.empty() : Optional.of("changed: " + String.join(", ", changed));
    }

    private static TreeSet<String> changedKeys(Map<String, String> then, Map<String, String> now) {
        TreeSet<String> keys = new TreeSet<>(then.keySet());
        keys.addAll(now.keySet());
        keys.removeIf(k -> Objects.equals(then.get(k), now.get(k)));
        return keys;
    }
}
