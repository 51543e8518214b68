package dev.ticketsmith.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Guards {@code /api/...}: {@code Authorization: Bearer <token>} must be an API client's token (a
 * wrong or missing one gets 401 and no detail), and reading the audit trail or operations needs
 * the matching scope (403 says which). Writes check their own scopes, which depend on the body.
 * The client is left on the request for the resources ({@link #CLIENT}).
 */
public class ApiAuthFilter {

    /** The request property holding the authenticated {@link ApiClient}. */
    public static final String CLIENT = "ticketsmith.apiClient";

    private final ApiClients clients;

    ApiAuthFilter(ApiClients clients) {
        this.clients = clients;
    }

    @ServerRequestFilter
    public Optional<Response> authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiClient> client = header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.empty() : clients.authenticate(header.substring(7).strip());
        if (client.isEmpty()) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ticketsmith\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError("unauthorized", "Send Authorization: Bearer <token> with an API client's token."))
                    .build());
        }
        request.setProperty(CLIENT, client.get());
        String scope = readScope(path, request.getMethod());
        return scope == null ? Optional.empty() : Scopes.require(client.get(), scope);
    }

    /** The scope a read needs, or null when the resource checks for itself. */
    private static String readScope(String path, String method) {
        if (path.startsWith("/api/audit")) {
            return "audit:read";
        }
        if (path.startsWith("/api/operations") && (method.equals("GET") || method.equals("HEAD"))) {
            return "operations:read";
        }
        return null;
    }
}
