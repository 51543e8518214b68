package dev.ticketsmith.api;

import dev.ticketsmith.catalog.ApiClientSpec;
import dev.ticketsmith.catalog.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP API's clients, from the catalogue, and their tokens: from an environment variable (read
 * through the configuration, so {@code application.properties} can give one in dev) or a file (a
 * mounted Secret, read again when it changes, so a rotated token works without a restart). A bearer
 * token is compared with every client's, in constant time, whichever matches.
 */
@ApplicationScoped
public class ApiClients {

    private static final Logger LOG = Logger.getLogger(ApiClients.class);

    private record FileToken(FileTime modified, String token) {
    }

    private final Catalog catalog;
    private final Map<String, FileToken> files = new ConcurrentHashMap<>();

    ApiClients(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The client whose token this is, if any. */
    public Optional<ApiClient> authenticate(String bearer) {
        byte[] given = bearer.getBytes(StandardCharsets.UTF_8);
        ApiClient match = null;
        for (ApiClientSpec spec : catalog.apiClients().values()) {
            Optional<String> token = token(spec);
            boolean equal = token.isPresent() && MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8));
            if (equal && match == null) {
                match = new ApiClient(spec.name(), new HashSet<>(spec.scopes()));
            }
        }
        return Optional.ofNullable(match);
    }

    /** The clients whose token cannot be found, each with where it was looked for. */
    public List<String> withoutToken() {
        List<String> missing = new ArrayList<>();
        for (ApiClientSpec spec : catalog.apiClients().values()) {
            if (token(spec).isEmpty()) {
                missing.add("API client " + spec.name() + ": " + spec.tokenEnv().map(env -> "environment variable " + env)
                        .orElseGet(() -> "file " + spec.tokenFile().orElse("?")) + " is unset or empty");
            }
        }
        return missing;
    }

    private Optional<String> token(ApiClientSpec spec) {
        if (spec.tokenEnv().isPresent()) {
            return ConfigProvider.getConfig().getOptionalValue(spec.tokenEnv().get(), String.class).map(String::strip).filter(t -> !t.isEmpty());
        }
        return spec.tokenFile().flatMap(this::fromFile);
    }

    private Optional<String> fromFile(String file) {
        Path path = Path.of(file);
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            FileToken cached = files.get(file);
            if (cached == null || !cached.modified().equals(modified)) {
                cached = new FileToken(modified, Files.readString(path, StandardCharsets.UTF_8).strip());
                files.put(file, cached);
            }
            return Optional.of(cached.token()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            LOG.debugf("API token file %s cannot be read: %s", file, e.getMessage());
            return Optional.empty();
        }
    }
}
