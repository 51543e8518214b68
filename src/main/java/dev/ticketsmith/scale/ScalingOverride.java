package dev.ticketsmith.scale;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * A scaling override of a service in an environment: a record, not an operation, so it never holds
 * the service's operation lock. It holds the HPA's bounds (or sets the Deployment's replicas when
 * there is no HPA) from when it is applied until it is reset or expires.
 */
@Entity
@Table(name = "scaling_override")
public class ScalingOverride extends PanacheEntityBase {

    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    public static final String ACTIVE = "ACTIVE";
    public static final String ENDED = "ENDED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String namespace;

    /** The HPA it holds, or null when it sets the Deployment's replicas. */
    public String hpa;

    @Column(nullable = false)
    public String deployment;

    @Column(name = "min_replicas", nullable = false)
    public int minReplicas;

    @Column(name = "max_replicas", nullable = false)
    public int maxReplicas;

    public String reason;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Column(name = "actor_name")
    public String actorName;

    /** The environment's channel: where its end is announced. */
    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "duration_secs", nullable = false)
    public long durationSecs;

    /** Set when it becomes active (after the approval, if one was needed). */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When its bounds were last written to the cluster; null until then. */
    @Column(name = "applied_at")
    public Instant appliedAt;

    /** Without an HPA: the Deployment's replicas before the override, given back when it ends. */
    @Column(name = "previous_replicas")
    public Integer previousReplicas;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    public Duration duration() {
        return Duration.ofSeconds(durationSecs);
    }

    /** How it holds an HPA's bounds ({@code HpaBounds}). */
    public String holder() {
        return "override:" + id;
    }
}
