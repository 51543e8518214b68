package dev.ticketsmith.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a catalogue YAML document (schema: {@code docs/configuration.md}).
 *
 * <p>Every problem found is reported at once in a {@link CatalogException}: YAML syntax errors with
 * their line and column, then unknown keys, wrong kinds of value and broken rules, each with its
 * path. A catalogue that loads is complete: every service is resolved and validated for every
 * environment it is deployed in.
 */
public final class CatalogLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)'");

    private CatalogLoader() {
    }

    /** Reads the catalogue in {@code path}; problems are reported under the path as source name. */
    public static Catalog load(Path path) throws CatalogException {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw failure(path.toString(), "file not found");
        } catch (IOException e) {
            throw failure(path.toString(), "cannot read the file: " + e.getMessage());
        }
        return parse(text, path.toString());
    }

    /**
     * Reads a catalogue from text.
     *
     * @param sourceName how to name the document in problems, typically its file name
     */
    public static Catalog parse(String yaml, String sourceName) throws CatalogException {
        JsonNode root = readTree(yaml, sourceName);
        Problems problems = new Problems();
        Optional<Draft> draft = new CatalogReader(problems).read(root);
        draft.ifPresent(new CatalogValidator(problems)::validate);
        if (!problems.isEmpty()) {
            throw new CatalogException(sourceName, problems.list());
        }
        return draft.orElseThrow().toCatalog();
    }

    private static JsonNode readTree(String yaml, String sourceName) throws CatalogException {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("unreadable YAML");
            Matcher duplicate = DUPLICATE_KEY.matcher(reason);
            if (duplicate.find()) {
                reason = "the key \"" + duplicate.group(1) + "\" appears twice in the same map";
            }
            throw failure(sourceName, "YAML syntax error" + where + ": " + reason);
        }
    }

    private static CatalogException failure(String sourceName, String message) {
        return new CatalogException(sourceName, List.of(new Problem("", message)));
    }
}
