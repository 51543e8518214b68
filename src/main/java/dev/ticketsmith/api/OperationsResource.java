package dev.ticketsmith.api;

import dev.ticketsmith.ops.engine.Operation;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** {@code GET /api/operations/{id}}: an operation's state, for pipelines waiting on it. */
@Path("/api/operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    @GET
    @Path("/{id}")
    @Transactional
    public Response get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(new ApiError("bad_request", "an operation id is a UUID")).build();
        }
        Operation op = Operation.findById(uuid);
        if (op == null) {
            return Response.status(404).entity(new ApiError("not_found", "no operation " + uuid)).build();
        }
        return Response.ok(OperationView.of(op)).build();
    }
}
