package dev.ticketsmith.ops.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link StepAction} sees: the operation's target and environment, the current step, when
 * the step began (waits compare it with now, never sleep), the current time, and the external
 * handles recorded so far. Handles written here are committed with the step's outcome.
 */
public final class StepContext {

    /** The handle holding what approvers approve besides the plan, such as the image digest. */
    public static final String APPROVAL_SUBJECT = "engine.approvalSubject";

    /** The handle holding when a step last checked the health of what the operation changed. */
    public static final String WATCHED_AT = "engine.watchedAt";

    private final Operation operation;
    private final StepSpec step;
    private final Instant now;

    StepContext(Operation operation, StepSpec step, Instant now) {
        this.operation = operation;
        this.step = step;
        this.now = now;
    }

    public String operationId() {
        return operation.id.toString();
    }

    public String kind() {
        return operation.kind;
    }

    public String target() {
        return operation.target;
    }

    public String environment() {
        return operation.environment;
    }

    /** Who asked for the operation. */
    public String requesterId() {
        return operation.requesterId;
    }

    /** The requester's name, or the note on whose behalf an API client asked; may be null. */
    public String requesterName() {
        return operation.requesterName;
    }

    /** What approvals are bound to: the plan's hash and the approval subject ({@link Operation#approvalHash()}). */
    public String planHash() {
        return operation.approvalHash();
    }

    /** What the plan froze for its steps to act on (empty for operations recorded before plans carried it). */
    public Map<String, String> plan() {
        return Map.copyOf(operation.context);
    }

    public StepSpec step() {
        return step;
    }

    public Instant now() {
        return now;
    }

    /** How long the current step has been running. */
    public Duration elapsed() {
        return Duration.between(operation.stepStartedAt, now);
    }

    /** True when the operation is undoing itself after a failure or an abort. */
    public boolean rollingBack() {
        return operation.onRollbackPath;
    }

    /** On the rollback path: why the operation is going back (a failed step's reason, an abort). */
    public Optional<String> rollbackReason() {
        return operation.onRollbackPath ? Optional.ofNullable(operation.endReason) : Optional.empty();
    }

    /** When the operation was requested. */
    public Instant createdAt() {
        return operation.createdAt;
    }

    /** True once an approver pressed "Promote now": holds and analysis windows end early. */
    public boolean skipHolds() {
        return operation.handles.containsKey(OperationEngine.PROMOTE_NOW);
    }

    /** Records that the step has just found what the operation changed healthy. */
    public void watched() {
        operation.handles.put(WATCHED_AT, now.toString());
    }

    /**
     * How long since a step last found the operation's changes healthy; empty before the first
     * check and after a resume (a pause is deliberate, a gap in the ticks is not).
     */
    public Optional<Duration> unwatchedFor() {
        return handle(WATCHED_AT).map(at -> Duration.between(Instant.parse(at), now));
    }

    public Optional<String> handle(String name) {
        return Optional.ofNullable(operation.handles.get(name));
    }

    /** Records an external id or a previous value (replica counts, an old image) for later steps. */
    public void putHandle(String name, String value) {
        operation.handles.put(name, value);
    }

    public Map<String, String> handles() {
        return Map.copyOf(operation.handles);
    }
}
