package dev.ticketsmith.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.command.Artifacts;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.CommandResolver;
import dev.ticketsmith.command.Resolution;
import dev.ticketsmith.crypto.Sha256;
import dev.ticketsmith.lock.Blocker;
import dev.ticketsmith.lock.Locks;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.promote.PromotionStarter;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.Policy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Optional;

/**
 * {@code POST /api/promotions}: a pipeline asks for the same canary promotion a person would start
 * from Slack, as its API client ({@code api:<name>}): it needs the scope {@code promote:<env>} and
 * must be one of the environment's requesters. 202 with the operation, which it can then poll at
 * {@code /api/operations/{id}}. The operation's start, its audit record and the
 * {@code Idempotency-Key} commit together; a retry with the same key gets the same answer and
 * starts nothing. Every request is recorded, accepted or not.
 */
@Path("/api/promotions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PromotionsResource {

    private static final Logger LOG = Logger.getLogger(PromotionsResource.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Catalog catalog;
    private final CommandResolver resolver;
    private final PromotionStarter promotions;
    private final AuditTrail audit;
    private final Policy policy;
    private final IdempotencyKeys keys;
    private final Locks locks;

    PromotionsResource(Catalog catalog, CommandResolver resolver, PromotionStarter promotions, AuditTrail audit, Policy policy,
                       IdempotencyKeys keys, Locks locks) {
        this.locks = locks;
        this.catalog = catalog;
        this.resolver = resolver;
        this.promotions = promotions;
        this.audit = audit;
        this.policy = policy;
        this.keys = keys;
    }

    @POST
    public Response promote(PromotionRequest body, @HeaderParam("Idempotency-Key") String key, @Context ContainerRequestContext request) {
        ApiClient client = (ApiClient) request.getProperty(ApiAuthFilter.CLIENT);
        if (body == null) {
            return error(400, "bad_request", "send a JSON body: {\"service\": …, \"environment\": …, \"image\" or \"version\": …, \"requester\": …}");
        }
        // no image or version: what runs in the pipeline's previous environment goes to the next one (the pipeline's last by default)
        String artifact = body.image() != null ? body.image() : body.version();
        String environment = body.environment() != null && !body.environment().isBlank() ? body.environment()
                : artifact == null ? catalog.endOfPipeline().orElse(catalog.defaultEnvironment()) : catalog.defaultEnvironment();
        String note = body.requester() == null || body.requester().isBlank() ? null : clip(body.requester().strip());
        AuditEntry.Builder entry = AuditEntry.by(client.actorId(), note)
                .command("POST /api/promotions " + body.service() + " " + (artifact == null ? "(from the pipeline)" : artifact) + " to " + environment)
                .target(body.service(), environment);
        String problem = problem(body, environment, artifact, key);
        if (problem != null) {
            audit.record(entry.decided("promote", AuditDecision.INVALID, problem));
            return error(400, "bad_request", problem);
        }
        Optional<Response> unscoped = Scopes.require(client, "promote:" + environment);
        Decision decision = policy.evaluate(client.actorId(), Action.PROMOTE, environment);
        if (unscoped.isPresent() || !decision.allowed()) {
            String why = unscoped.isPresent() ? "API client " + client.name() + " does not hold the scope promote:" + environment
                    : decision.reason();
            audit.record(entry.decided("promote", AuditDecision.REFUSED, why));
            return unscoped.orElseGet(() -> error(403, "forbidden", why));
        }
        Optional<String> unmet = promotions.gateCannotBeMet(body.service(), environment);
        if (unmet.isPresent()) { // API clients cannot force: that takes an approver, in Slack
            audit.record(entry.decided("promote", AuditDecision.REFUSED, unmet.get()));
            return error(409, "provenance", unmet.get());
        }
        Optional<Blocker> blocker = locks.blocking(body.service(), environment, java.time.Instant.now());
        if (blocker.isPresent()) {
            audit.record(entry.decided("promote", AuditDecision.REFUSED, blocker.get().what()));
            return error(409, "locked", blocker.get().what() + "; only an approver in Slack may force a promotion past it");
        }
        String hash = Sha256.hex(String.join("\n", body.service(), environment, artifact == null ? "" : artifact, String.valueOf(note)));
        try {
            return QuarkusTransaction.requiringNew().call(() -> start(client, key, hash, body.service(), environment, artifact, note, entry));
        } catch (RuntimeException e) {
            LOG.errorf("POST /api/promotions by %s could not be committed; nothing was started: %s", client.name(), e.toString());
            return error(503, "unavailable", "the promotion could not be recorded, so nothing was started; try again"
                    + (key == null ? "" : " with the same Idempotency-Key"));
        }
    }

    /** In one transaction: the key, the operation's start, its audit record and the answer, or none of them. */
    private Response start(ApiClient client, String key, String hash, String service, String environment, String artifact, String note,
                           AuditEntry.Builder entry) throws JsonProcessingException {
        if (key != null) {
            Optional<IdempotencyKeys.Answered> earlier = keys.claim(client.name(), key, hash);
            if (earlier.isPresent()) {
                return replay(key, hash, earlier.get());
            }
        }
        PromotionStarter.Outcome outcome = promotions.start(service, environment, artifact, client.actorId(), note);
        Response response;
        if (outcome instanceof PromotionStarter.Busy busy) {
            audit.record(entry.decided("promote", AuditDecision.REFUSED, busy.reason()));
            response = error(409, "busy", busy.reason());
        } else {
            Operation op = ((PromotionStarter.Started) outcome).operation();
            audit.record(entry.operation(op.id.toString()).decided("promote", AuditDecision.ACCEPTED, "operation " + op.id + " started"));
            response = Response.accepted(OperationView.of(op)).location(URI.create("/api/operations/" + op.id)).build();
        }
        if (key != null) {
            Object entity = response.getEntity();
            keys.answered(client.name(), key, response.getStatus(), entity instanceof OperationView v ? java.util.UUID.fromString(v.id()) : null,
                    entity instanceof ApiError ? JSON.writeValueAsString(entity) : null);
        }
        return response;
    }

    /** The answer a key's first request got: the operation as it is now, or the same error. */
    private static Response replay(String key, String hash, IdempotencyKeys.Answered earlier) throws JsonProcessingException {
        if (!earlier.requestHash().equals(hash)) {
            return error(422, "idempotency_key_reused", "Idempotency-Key " + key + " was used for a different request");
        }
        if (earlier.operationId() != null) {
            Operation op = Operation.findById(earlier.operationId());
            return Response.status(earlier.status()).entity(OperationView.of(op)).location(URI.create("/api/operations/" + op.id))
                    .header("Idempotent-Replayed", "true").build();
        }
        return Response.status(earlier.status()).entity(JSON.readValue(earlier.body(), ApiError.class)).header("Idempotent-Replayed", "true")
                .build();
    }

    /** What is wrong with the request, in the same words Slack users get, or null. */
    private String problem(PromotionRequest body, String environment, String artifact, String key) {
        if (body.service() == null || body.service().isBlank()) {
            return "service is required";
        }
        if (body.image() != null && body.version() != null) {
            return "send image or version, not both";
        }
        if (artifact != null && !Artifacts.valid(artifact)) {
            return "image or version: 1 to 255 letters, digits and . _ : / @ + - (or neither, for what runs in the pipeline's previous environment)";
        }
        if (key != null && !key.matches("[\\x21-\\x7e]{1,255}")) {
            return "Idempotency-Key must be 1 to 255 printable characters without spaces";
        }
        Resolution resolution = resolver.resolve(new Command.Promote(body.service(), Optional.ofNullable(artifact), Optional.of(environment), "", false));
        return resolution instanceof Resolution.Unresolved unresolved ? unresolved.problem() : null;
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).entity(new ApiError(code, message)).build();
    }
}
