package dev.ticketsmith.registry;

import dev.ticketsmith.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the registry adapter from {@code ticketsmith.registry.*}. */
@ApplicationScoped
public class RegistryDigestsProducer {

    @Produces
    @ApplicationScoped
    RegistryDigests registryDigests(RegistryConfig config) {
        Map<String, RegistrySettings.Credentials> credentials = config.dockerConfig()
                .filter(path -> !path.isBlank())
                .map(path -> DockerConfigCredentials.read(Path.of(path)))
                .orElse(Map.of());
        return RegistryDigests.create(new RegistrySettings(config.timeout(), Set.copyOf(config.insecure().orElse(List.of())),
                credentials, config.digests()));
    }
}
