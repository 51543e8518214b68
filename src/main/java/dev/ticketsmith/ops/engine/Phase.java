package dev.ticketsmith.ops.engine;

import java.util.EnumSet;
import java.util.Set;

/** Where an operation is in its life. Only one active operation may exist per target and environment. */
public enum Phase {
    PENDING, AWAITING_APPROVAL, RUNNING, PAUSED, SUCCEEDED, FAILED, ABORTED, ROLLED_BACK;

    /** The phases that hold the target's lock (see the partial unique index in V2__operations.sql). */
    public static final Set<Phase> ACTIVE = EnumSet.of(PENDING, AWAITING_APPROVAL, RUNNING, PAUSED);

    /** The phases the reconcile tick works on. */
    public static final Set<Phase> TICKING = EnumSet.of(PENDING, AWAITING_APPROVAL, RUNNING);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
