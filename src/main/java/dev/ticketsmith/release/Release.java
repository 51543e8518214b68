package dev.ticketsmith.release;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One release of a service in an environment: the image that ran (and its digest when known), the
 * operation that brought it and who asked. {@code observed} rows record what a service ran when
 * TICKETSMITH first saw it.
 */
@Entity
@Table(name = "release")
public class Release extends PanacheEntityBase {

    public static final String PROMOTE = "promote";
    public static final String ROLLBACK = "rollback";
    public static final String OBSERVED = "observed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String image;

    public String digest;

    @Column(name = "operation_id")
    public UUID operationId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "released_at", nullable = false)
    public Instant releasedAt;

    /** When a rollback went back from this release: it is never what a later rollback returns to. */
    @Column(name = "rolled_back_at")
    public Instant rolledBackAt;

    /** The version people read: the tag (or the digest when there is none). */
    public String version() {
        return Versions.of(image);
    }
}
