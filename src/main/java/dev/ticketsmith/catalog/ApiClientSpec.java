package dev.ticketsmith.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A program allowed to use the HTTP API (a CI pipeline, an auditor's script), read from
 * {@code apiClients.<name>}. Its token is never written in the catalogue: it comes from an
 * environment variable or a file (a mounted Secret), named here.
 *
 * @param name the client's name: the actor of what it does ({@code api:<name>}), and what
 *     {@code clients:} lists name in the environments' principals
 * @param tokenEnv the environment variable holding its bearer token
 * @param tokenFile the file holding its bearer token (read again when it changes)
 * @param scopes what it may do: {@code audit:read}, {@code operations:read},
 *     {@code operations:control}, {@code promote:<environment>} or {@code promote:*}
 */
public record ApiClientSpec(@MapKey String name, Optional<String> tokenEnv, Optional<String> tokenFile, List<String> scopes) {

    /** The scopes a client may be given, besides {@code promote:<environment>}. */
    public static final List<String> SCOPES = List.of("audit:read", "operations:read", "operations:control", "promote:*");

    public ApiClientSpec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
