package dev.ticketsmith.api;

import dev.ticketsmith.audit.AuditRecord;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.audit.ChainVerification;
import dev.ticketsmith.audit.AuditVerifications;
import dev.ticketsmith.command.Durations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The audit trail over HTTP, for auditors and pipelines. Guarded by {@link ApiTokenFilter}. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;
    private final AuditVerifications verifier;

    AuditResource(AuditTrail trail, AuditVerifications verifier) {
        this.trail = trail;
        this.verifier = verifier;
    }

    /** Records as JSON. {@code since}: an ISO-8601 instant or a look-back such as {@code 24h}. */
    @GET
    public Response list(@QueryParam("service") String service, @QueryParam("since") String since,
                         @QueryParam("limit") String limit) {
        Optional<Instant> from;
        int max;
        try {
            from = parseSince(since);
            max = parseLimit(limit);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(new ApiError("bad_request", e.getMessage())).build();
        }
        Optional<String> target = Optional.ofNullable(service).filter(s -> !s.isBlank());
        List<AuditRecordView> records = trail.search(target, from, max).stream().map(AuditRecordView::of).toList();
        return Response.ok(new AuditPage(records.size(), records)).build();
    }

    /** Walks the chain, records the outcome (the audit-chain metric) and reports the first broken link. 200 when intact, 409 when broken. */
    @GET
    @Path("/verify")
    public Response verify() {
        ChainVerification result = verifier.verifyAndRecord();
        return Response.status(result.intact() ? 200 : 409).entity(result).build();
    }

    static Optional<Instant> parseSince(String since) {
        if (since == null || since.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(since.trim()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(Instant.now().minus(Durations.parse(since)));
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException(
                        "since must be an ISO-8601 instant (2026-11-26T09:00:00Z) or a look-back such as 24h, 90m or 7d");
            }
        }
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A page of records. */
    public record AuditPage(int count, List<AuditRecordView> records) {
    }

    /** The JSON form of one record. */
    public record AuditRecordView(long seq, Instant recordedAt, String actorId, String actorName, String teamId,
                                  String channelId, String commandText, String action, String target,
                                  String environment, String decision, String detail, String operationId,
                                  String contentHash, String previousHash, String recordHash) {
        static AuditRecordView of(AuditRecord r) {
            return new AuditRecordView(r.seq, r.recordedAt, r.actorId, r.actorName, r.teamId, r.channelId,
                    r.commandText, r.action, r.target, r.environment, r.decision, r.detail, r.operationId,
                    r.contentHash, r.previousHash, r.recordHash);
        }
    }
}
