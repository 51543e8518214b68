package dev.ticketsmith.registry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link RegistryDigests} talks to registries.
 *
 * @param timeout            the longest wait for each HTTP request (connect and answer)
 * @param insecureRegistries registry hosts ({@code host[:port]}) reached over plain {@code http://}
 * @param credentials        user name and password by registry host; Docker Hub may be keyed as
 *                           {@code docker.io}, {@code index.docker.io} or {@code registry-1.docker.io}
 * @param enabled            whether digests are looked up at all
 */
public record RegistrySettings(Duration timeout, Set<String> insecureRegistries,
                               Map<String, Credentials> credentials, boolean enabled) {

    /** Checks the settings and keeps immutable, lower-cased copies of the host keys. */
    public RegistrySettings {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the registry timeout must be positive, not " + timeout);
        }
        insecureRegistries = Objects.requireNonNull(insecureRegistries, "insecureRegistries").stream()
                .map(RegistrySettings::hostKey)
                .collect(Collectors.toUnmodifiableSet());
        credentials = Objects.requireNonNull(credentials, "credentials").entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> hostKey(e.getKey()), Map.Entry::getValue));
    }

    /** Enabled, five seconds per request, https everywhere, no credentials. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(Duration.ofSeconds(5), Set.of(), Map.of(), true);
    }

    /** Whether this registry host is reached over plain http. */
    public boolean isInsecure(String registry) {
        return insecureRegistries.contains(hostKey(registry));
    }

    /** The credentials configured for the registry of an image, if any. */
    public Optional<Credentials> credentialsFor(ImageReference reference) {
        Optional<Credentials> direct = Optional.ofNullable(credentials.get(reference.registry()));
        if (direct.isPresent() || !reference.isDockerHub()) {
            return direct;
        }
        return Optional.ofNullable(credentials.get("docker.io"))
                .or(() -> Optional.ofNullable(credentials.get("index.docker.io")));
    }

    private static String hostKey(String host) {
        return Objects.requireNonNull(host, "registry host").strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A user name and password (or access token) for one registry. {@link #toString()} never
     * shows the password.
     */
    public record Credentials(String username, String password) {

        /** Both parts are required. */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****]";
        }
    }
}
