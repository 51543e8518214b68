package dev.ticketsmith.ops.engine;

import dev.ticketsmith.crypto.Sha256;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An operation (promotion, rollback, scaling override, restore) as a row: its plan as a list of
 * steps with a cursor, a hash of the plan, its phase, the conditions that explain it, the external
 * handles it created, who asked, and where its live Slack message is. Updates write only the
 * columns that changed, so the engine and the live-message refresher never overwrite each other.
 */
@Entity
@DynamicUpdate
@Table(name = "operation")
public class Operation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String environment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<StepSpec> steps = new ArrayList<>();

    /**
     * What the steps act on, frozen when the plan was made (namespace, router, metric checks, ...)
     * and hashed with the steps; empty for operations recorded before plans carried it.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> context = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rollback_steps", nullable = false)
    public List<StepSpec> rollbackSteps = new ArrayList<>();

    @Column(name = "steps_hash", nullable = false, length = 64)
    public String stepsHash;

    @Column(name = "on_rollback_path", nullable = false)
    public boolean onRollbackPath;

    @Column(name = "step_index", nullable = false)
    public int stepIndex;

    @Column(name = "step_started_at")
    public Instant stepStartedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Condition> conditions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> handles = new HashMap<>();

    @Column(name = "requester_id", nullable = false)
    public String requesterId;

    @Column(name = "requester_name")
    public String requesterName;

    @Column(name = "slack_channel")
    public String slackChannel;

    @Column(name = "slack_ts")
    public String slackTs;

    /** Moves on with every change the live message should show. */
    @Column(name = "message_version", nullable = false)
    public int messageVersion = 1;

    /** The {@link #messageVersion} the live message shows now. */
    @Column(name = "message_shown", nullable = false)
    public int messageShown;

    /** When the live message was last posted or edited. */
    @Column(name = "message_at")
    public Instant messageAt;

    /** A replica posting the first message claims it here first, so only one posts. */
    @Column(name = "message_claim")
    public Instant messageClaim;

    /** The token of the current first-post claim: only its holder may record {@link #slackTs}. */
    @Column(name = "message_claim_token")
    public UUID messageClaimToken;

    /** Why the operation left its plan (a failure or an abort), or why it ended. */
    @Column(name = "end_reason")
    public String endReason;

    /** The phase the operation ends in once its rollback path is done: ROLLED_BACK or ABORTED. */
    @Enumerated(EnumType.STRING)
    @Column(name = "rollback_outcome")
    public Phase rollbackOutcome;

    /** Consecutive reconciles of the current step that threw; reset when the step completes. */
    @Column(name = "error_count", nullable = false)
    public int errorCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "next_tick_at", nullable = false)
    public Instant nextTickAt;

    @Version
    public long version;

    /** The list the cursor walks now: the plan, or its rollback after a failure or abort. */
    public List<StepSpec> currentPath() {
        return onRollbackPath ? rollbackSteps : steps;
    }

    /**
     * What approvals are bound to: the plan's hash, and with it what a step resolved that the
     * approvers see (an image digest), recorded under {@link StepContext#APPROVAL_SUBJECT}.
     */
    public String approvalHash() {
        String subject = handles.get(StepContext.APPROVAL_SUBJECT);
        return subject == null ? stepsHash : Sha256.hex(stepsHash + "\n" + subject);
    }

    /** The step under the cursor, or null once the current path is finished. */
    public StepSpec currentStep() {
        List<StepSpec> path = currentPath();
        return stepIndex < path.size() ? path.get(stepIndex) : null;
    }

    /** The newest condition's reason, or null. */
    public String latestReason() {
        return conditions.isEmpty() ? null : conditions.get(conditions.size() - 1).reason();
    }
}
