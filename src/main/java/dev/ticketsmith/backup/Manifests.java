package dev.ticketsmith.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The JSON manifests beside {@code pg_dump} archives: what a store holds, newest first. */
public final class Manifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** The manifest's name for an archive's. */
    static String of(String archive) {
        return archive.replaceFirst("\\.dump$", "") + ".json";
    }

    /** Every backup in a store with its manifest, newest first. */
    public static List<Map<String, String>> list(ArchiveStore store) throws IOException {
        List<Map<String, String>> manifests = new ArrayList<>();
        for (String name : store.list(".json")) {
            try (InputStream in = store.open(name)) {
                manifests.add(JSON.readValue(in, new TypeReference<Map<String, String>>() { }));
            }
        }
        manifests.sort(Comparator.comparing((Map<String, String> m) -> m.getOrDefault("finishedAt", "")).reversed());
        return manifests;
    }
}
