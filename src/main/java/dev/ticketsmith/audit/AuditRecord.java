package dev.ticketsmith.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One row of the append-only audit trail. Hibernate never updates it ({@link Immutable}) and the
 * database refuses UPDATE, DELETE and TRUNCATE on the table (see V1__audit_trail.sql).
 */
@Entity
@Immutable
@Table(name = "audit_record")
public class AuditRecord extends PanacheEntityBase {

    @Id
    public long seq;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "command_text")
    public String commandText;

    @Column(nullable = false)
    public String action;

    public String target;

    public String environment;

    @Column(nullable = false)
    public String decision;

    public String detail;

    @Column(name = "operation_id")
    public String operationId;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "previous_hash", nullable = false, length = 64)
    public String previousHash;

    @Column(name = "record_hash", nullable = false, length = 64)
    public String recordHash;
}
