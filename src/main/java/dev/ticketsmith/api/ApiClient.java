package dev.ticketsmith.api;

import dev.ticketsmith.catalog.Principals;

import java.util.Set;

/**
 * An authenticated caller of the HTTP API: a client of the catalogue's {@code apiClients}, with the
 * scopes it was given. What it does is done as the actor {@code api:<name>}.
 */
public record ApiClient(String name, Set<String> scopes) {

    public ApiClient {
        scopes = Set.copyOf(scopes);
    }

    /** The actor id its requests, operations and audit records carry. */
    public String actorId() {
        return Principals.API_ACTOR + name;
    }

    /** Whether the client holds {@code scope}; {@code promote:*} covers every {@code promote:<environment>}. */
    public boolean may(String scope) {
        return scopes.contains(scope) || (scope.startsWith("promote:") && scopes.contains("promote:*"));
    }
}
