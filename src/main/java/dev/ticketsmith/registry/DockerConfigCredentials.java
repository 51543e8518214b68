package dev.ticketsmith.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Registry credentials from a Docker config JSON (what {@code docker login} writes and what an image
 * pull secret holds): {@code {"auths": {"ghcr.io": {"auth": base64("user:password")}}}}, or
 * {@code username}/{@code password} fields. Entries with neither are skipped.
 */
public final class DockerConfigCredentials {

    private DockerConfigCredentials() {
    }

    /** The credentials by registry host; the file is named in the error, its content never. */
    public static Map<String, RegistrySettings.Credentials> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the registry credentials file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(root);
    }

    static Map<String, RegistrySettings.Credentials> parse(JsonNode root) {
        Map<String, RegistrySettings.Credentials> credentials = new HashMap<>();
        JsonNode auths = root == null ? null : root.path("auths");
        if (auths == null || !auths.isObject()) {
            return credentials;
        }
        auths.fields().forEachRemaining(entry -> {
            String host = entry.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            JsonNode value = entry.getValue();
            if (value.hasNonNull("username") && value.hasNonNull("password")) {
                credentials.put(host, new RegistrySettings.Credentials(value.get("username").asText(), value.get("password").asText()));
            } else if (value.hasNonNull("auth")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(value.get("auth").asText()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return;
                }
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    credentials.put(host, new RegistrySettings.Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
                }
            }
        });
        return credentials;
    }
}
