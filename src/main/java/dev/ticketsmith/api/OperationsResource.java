package dev.ticketsmith.api;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/operations/{id}}: an operation's state, for pipelines waiting on it (scope
 * {@code operations:read}), and {@code POST …/abort}, {@code …/pause}, {@code …/resume} to steer it
 * (scope {@code operations:control}, and the same policy as the buttons: abort as a rollback,
 * pause and resume as a promotion). Every control request is recorded.
 */
@Path("/api/operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    private static final Set<String> CONTROLS = Set.of("abort", "pause", "resume");

    private final OperationEngine engine;
    private final Policy policy;
    private final AuditTrail audit;

    OperationsResource(OperationEngine engine, Policy policy, AuditTrail audit) {
        this.engine = engine;
        this.policy = policy;
        this.audit = audit;
    }

    @GET
    @Path("/{id}")
    @Transactional
    public Response get(@PathParam("id") String id) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) {
            return error(400, "bad_request", "an operation id is a UUID");
        }
        Operation op = Operation.findById(uuid.get());
        if (op == null) {
            return error(404, "not_found", "no operation " + uuid.get());
        }
        return Response.ok(OperationView.of(op)).build();
    }

    @POST
    @Path("/{id}/{control}")
    public Response control(@PathParam("id") String id, @PathParam("control") String control, @Context ContainerRequestContext request) {
        ApiClient client = (ApiClient) request.getProperty(ApiAuthFilter.CLIENT);
        if (!CONTROLS.contains(control)) {
            return error(404, "not_found", "an operation can be aborted, paused or resumed: POST /api/operations/{id}/abort|pause|resume");
        }
        Optional<Response> unscoped = Scopes.require(client, "operations:control");
        if (unscoped.isPresent()) {
            return unscoped.get();
        }
        AuditEntry.Builder entry = AuditEntry.by(client.actorId(), null).command("POST /api/operations/" + id + "/" + control);
        Optional<UUID> uuid = uuid(id);
        Operation op = uuid.map(u -> QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(u))).orElse(null);
        if (op == null) {
            audit.record(entry.decided(control, AuditDecision.INVALID, "no operation " + id));
            return error(uuid.isEmpty() ? 400 : 404, uuid.isEmpty() ? "bad_request" : "not_found", "no operation " + id);
        }
        entry.target(op.target, op.environment).operation(op.id.toString());
        Decision decision = policy.evaluate(client.actorId(), control.equals("abort") ? Action.ROLLBACK : Action.PROMOTE, op.environment);
        if (!decision.allowed()) {
            audit.record(entry.decided(control, AuditDecision.REFUSED, decision.reason()));
            return error(403, "forbidden", decision.reason());
        }
        try {
            Operation changed = switch (control) {
                case "abort" -> engine.abort(op.id, client.actorId(), client.name());
                case "pause" -> engine.pause(op.id, client.actorId(), client.name());
                default -> engine.resume(op.id, client.actorId(), client.name());
            };
            return Response.ok(QuarkusTransaction.requiringNew().call(() -> OperationView.of(Operation.findById(changed.id)))).build();
        } catch (IllegalStateException e) {
            audit.record(entry.decided(control, AuditDecision.INVALID, e.getMessage()));
            return error(409, "conflict", e.getMessage());
        }
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).entity(new ApiError(code, message)).build();
    }
}
