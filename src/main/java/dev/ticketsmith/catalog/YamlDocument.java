package dev.ticketsmith.catalog;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Composes a YAML document into SnakeYAML's graph of nodes, with limits on its length and on its
 * aliases, and reports what is wrong with a document as one problem: syntax errors as
 * {@code YAML syntax error at line L, column C: reason}.
 */
final class YamlDocument {

    /** The most aliases of maps and lists in a document (SnakeYAML's own limit, raised from 50). */
    static final int MAX_ALIASES = 1_000;
    /** The longest document, in code points (SnakeYAML's default, made explicit). */
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private YamlDocument() {
    }

    /** The document's root node, or null when it is empty; empty documents around it (a trailing {@code ---}) are ignored. */
    static Node compose(String yaml, String sourceName) throws CatalogException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            Node root = null;
            for (Node document : new Yaml(options).composeAll(new StringReader(yaml))) {
                if (document == null || (document instanceof ScalarNode empty && empty.getTag().equals(Tag.NULL))) {
                    continue; // an empty document, such as a trailing "---", adds nothing
                }
                if (root != null) {
                    throw syntaxError(sourceName, document.getStartMark(), "a catalogue is one YAML document, but another one starts here");
                }
                root = document;
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw syntaxError(sourceName, mark, reason(e));
        } catch (YAMLException e) {
            throw failure(sourceName, "the YAML cannot be read: " + e.getMessage());
        }
    }

    /** SnakeYAML's problem, after what it was doing and where that started when it says so. */
    private static String reason(MarkedYAMLException e) {
        List<String> parts = new ArrayList<>();
        if (e.getContext() != null) {
            parts.add(e.getContext() + (e.getContextMark() == null ? "" : " at " + position(e.getContextMark())));
        }
        if (e.getProblem() != null) {
            parts.add(e.getProblem());
        }
        return String.join(", ", parts);
    }

    /** A problem with the document at {@code mark} (which may be null), as {@code YAML syntax error at ...}. */
    static CatalogException syntaxError(String sourceName, Mark mark, String reason) {
        return failure(sourceName, "YAML syntax error" + (mark == null ? "" : " at " + position(mark)) + ": " + reason);
    }

    /** {@code line L, column C}, both counted from 1. */
    static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** A problem with the whole document. */
    static CatalogException failure(String sourceName, String message) {
        return new CatalogException(sourceName, List.of(new Problem("", message)));
    }
}
