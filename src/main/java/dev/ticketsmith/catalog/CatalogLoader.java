package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads and validates a catalogue YAML document (schema: {@code docs/configuration.md}).
 *
 * <p>Every problem found is reported at once in a {@link CatalogException}: YAML syntax errors with
 * their line and column, then unknown keys, wrong kinds of value and broken rules, each with its
 * path. A catalogue that loads is complete: every service is resolved and validated for every
 * environment it is deployed in.
 */
public final class CatalogLoader {

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
        JsonNode root = YamlTree.read(yaml, sourceName);
        Problems problems = new Problems();
        Optional<Draft> draft = new CatalogReader(problems).read(root);
        draft.ifPresent(new CatalogValidator(problems)::validate);
        if (!problems.isEmpty()) {
            throw new CatalogException(sourceName, problems.list());
        }
        return draft.orElseThrow().toCatalog();
    }

    private static CatalogException failure(String sourceName, String message) {
        return new CatalogException(sourceName, List.of(new Problem("", message)));
    }
}
