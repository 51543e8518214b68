package dev.ticketsmith.ops.approval;

import dev.ticketsmith.policy.Approval;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One approval or rejection given on an operation, bound to the plan hash it was given for. */
@Entity
@Table(name = "operation_approval")
public class OperationApproval extends PanacheEntityBase {

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(name = "approver_id", nullable = false)
    public String approverId;

    @Column(name = "approver_name")
    public String approverName;

    @Column(nullable = false)
    public String decision;

    @Column(name = "plan_hash", nullable = false, length = 64)
    public String planHash;

    @Column(name = "given_at", nullable = false)
    public Instant givenAt;

    public static List<OperationApproval> of(UUID operationId) {
        return list("operationId = ?1 ORDER BY givenAt", operationId);
    }

    public Approval asApproval() {
        return new Approval(approverId, approverName, givenAt, planHash);
    }
}
