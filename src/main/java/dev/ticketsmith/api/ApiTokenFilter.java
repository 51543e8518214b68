package dev.ticketsmith.api;

import dev.ticketsmith.config.TicketsmithSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards {@code /api/...} with {@code Authorization: Bearer $TICKETSMITH_API_TOKEN}. The comparison
 * takes the same time whatever the token; a wrong or missing token gets 401 and no detail.
 */
public class ApiTokenFilter {

    private final Optional<byte[]> expected;

    ApiTokenFilter(TicketsmithSettings settings) {
        this.expected = settings.apiToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter
    public Optional<Response> authorise(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Optional.empty();
        }
        if (expected.isPresent() && matches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ticketsmith\"")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("unauthorized", "Send Authorization: Bearer <TICKETSMITH_API_TOKEN>."))
                .build());
    }

    private boolean matches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected.get());
    }
}
