package dev.ticketsmith.api;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.command.Artifacts;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.CommandResolver;
import dev.ticketsmith.command.Resolution;
import dev.ticketsmith.ops.promote.PromotionStarter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/**
 * {@code POST /api/promotions}: a pipeline asks for the same canary promotion a person would start
 * from Slack; 202 with the operation, which it can then poll at {@code /api/operations/{id}}.
 * Every request is recorded, accepted or not, with the actor {@code api:<requester>}.
 */
@Path("/api/promotions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PromotionsResource {

    private final Catalog catalog;
    private final CommandResolver resolver;
    private final PromotionStarter promotions;
    private final AuditTrail audit;

    PromotionsResource(Catalog catalog, CommandResolver resolver, PromotionStarter promotions, AuditTrail audit) {
        this.catalog = catalog;
        this.resolver = resolver;
        this.promotions = promotions;
        this.audit = audit;
    }

    @POST
    public Response promote(PromotionRequest body) {
        if (body == null) {
            return error(400, "bad_request", "send a JSON body: {\"service\": …, \"environment\": …, \"image\" or \"version\": …, \"requester\": …}");
        }
        String requester = body.requester() == null || body.requester().isBlank() ? "api" : "api:" + body.requester().strip();
        String environment = body.environment() == null || body.environment().isBlank() ? catalog.defaultEnvironment() : body.environment();
        String artifact = body.image() != null ? body.image() : body.version();
        AuditEntry.Builder entry = AuditEntry.by(requester.length() > 200 ? requester.substring(0, 200) : requester, null)
                .command("POST /api/promotions " + body.service() + " " + artifact + " to " + environment)
                .target(body.service(), environment);
        String problem = problem(body, environment, artifact);
        if (problem != null) {
            audit.record(entry.decided("promote", AuditDecision.INVALID, problem));
            return error(400, "bad_request", problem);
        }
        PromotionStarter.Outcome outcome = promotions.start(body.service(), environment, artifact, requester, body.requester());
        if (outcome instanceof PromotionStarter.Busy busy) {
            audit.record(entry.decided("promote", AuditDecision.REFUSED, busy.reason()));
            return error(409, "busy", busy.reason());
        }
        var op = ((PromotionStarter.Started) outcome).operation();
        audit.record(entry.operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED, "operation " + op.id + " started"));
        return Response.accepted(OperationView.of(op)).location(URI.create("/api/operations/" + op.id)).build();
    }

    /** What is wrong with the request, in the same words Slack users get, or null. */
    private String problem(PromotionRequest body, String environment, String artifact) {
        if (body.service() == null || body.service().isBlank()) {
            return "service is required";
        }
        if (body.image() != null && body.version() != null) {
            return "send image or version, not both";
        }
        if (!Artifacts.valid(artifact)) {
            return "image or version is required: 1 to 255 letters, digits and . _ : / @ + -";
        }
        Resolution resolution = resolver.resolve(new Command.Promote(body.service(), artifact, Optional.of(environment), ""));
        return resolution instanceof Resolution.Unresolved unresolved ? unresolved.problem() : null;
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).entity(new ApiError(code, message)).build();
    }
}
