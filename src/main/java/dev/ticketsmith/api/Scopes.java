package dev.ticketsmith.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/** The 403 an API client gets for a scope it does not hold. */
final class Scopes {

    private Scopes() {
    }

    /** Empty when the client holds the scope; otherwise the refusal, naming it. */
    static Optional<Response> require(ApiClient client, String scope) {
        if (client.may(scope)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("forbidden", "API client " + client.name() + " does not hold the scope " + scope
                        + "; the catalogue's apiClients." + client.name() + ".scopes gives it."))
                .build());
    }
}
