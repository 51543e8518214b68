package dev.ticketsmith.lock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A lock on a service or an environment, from {@code /ticketsmith lock} until unlocked or expired. */
@Entity
@Table(name = "change_lock")
public class ChangeLock extends PanacheEntityBase {

    public static final String SERVICE = "SERVICE";
    public static final String ENVIRONMENT = "ENVIRONMENT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String target;

    @Column(name = "target_kind", nullable = false)
    public String targetKind;

    @Column(nullable = false)
    public String reason;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Column(name = "actor_name")
    public String actorName;

    /** Where it was set, and where its expiry is announced. */
    public String channel;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "end_reason")
    public String endReason;
}
