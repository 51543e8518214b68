package dev.ticketsmith.registry;

import dev.ticketsmith.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
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
        Optional<EcrDigests> ecr = config.ecr() ? Optional.of(new EcrDigests(DefaultCredentialsProvider.builder().build(),
                config.ecrEndpoint().filter(e -> !e.isBlank()).map(URI::create), config.timeout())) : Optional.empty();
        return RegistryDigests.create(new RegistrySettings(config.timeout(), Set.copyOf(config.insecure().orElse(List.of())),
                credentials, config.digests()), ecr);
    }
}
