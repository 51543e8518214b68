package dev.ticketsmith.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerConfigCredentialsTest {

    @Test
    void readsAuthAndUserPasswordEntriesAndSkipsTheRest(@TempDir Path dir) throws Exception {
        String auth = Base64.getEncoder().encodeToString("robot$ci:s3cr:et".getBytes());
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"auths\":{"
                + "\"ghcr.io\":{\"auth\":\"" + auth + "\"},"
                + "\"https://index.docker.io/v1/\":{\"username\":\"ann\",\"password\":\"pw\"},"
                + "\"quay.io\":{\"email\":\"x@example.com\"},"
                + "\"bad.example\":{\"auth\":\"%%%\"}}}");
        var credentials = DockerConfigCredentials.read(file);
        assertEquals(new RegistrySettings.Credentials("robot$ci", "s3cr:et"), credentials.get("ghcr.io"), "split at the first colon");
        assertEquals(new RegistrySettings.Credentials("ann", "pw"), credentials.get("index.docker.io"), "URL keys become hosts");
        assertFalse(credentials.containsKey("quay.io"));
        assertFalse(credentials.containsKey("bad.example"));
    }

    @Test
    void anUnreadableFileIsNamedButItsContentNeverShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"auths\": {\"ghcr.io\": {\"password\": \"hunter2\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DockerConfigCredentials.read(file));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
