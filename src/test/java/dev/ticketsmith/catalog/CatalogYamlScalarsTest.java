package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins how single YAML values are typed in the tree the binder reads (Jackson's YAML rules, kept when
 * the parser changed): the binder's checks and the text of values depend on it.
 */
class CatalogYamlScalarsTest {

    @Test
    void plainScalarsAreTypedTheWayJacksonTypedThem() throws CatalogException {
        Map<String, String> typed = typeOf("""
                int: 42
                negative: -7
                plus: +5
                underscores: 1_000
                hex: 0x1F
                binary: 0b101
                octal: 017
                notOctal: 08
                long: 2147483648
                hexLong: 0x7FFFFFFF
                big: 9223372036854775808
                double: 1.5
                exponent: 1e3
                leadingDot: .5
                true: true
                capitalTrue: True
                yes: yes
                no: No
                on: on
                off: OFF
                y: y
                mixedCase: yEs
                null: null
                tilde: ~
                empty:
                duration: 3m
                clock: 12:30
                date: 2024-01-01
                word: abc
                merge: <<
                """);

        assertEquals(Map.ofEntries(
                Map.entry("int", "IntNode 42"), Map.entry("negative", "IntNode -7"), Map.entry("plus", "IntNode 5"),
                Map.entry("underscores", "IntNode 1000"), Map.entry("hex", "IntNode 31"), Map.entry("binary", "IntNode 5"),
                Map.entry("octal", "IntNode 15"), Map.entry("notOctal", "TextNode 08"), Map.entry("long", "LongNode 2147483648"),
                Map.entry("hexLong", "LongNode 2147483647"), Map.entry("big", "BigIntegerNode 9223372036854775808"),
                Map.entry("double", "DoubleNode 1.5"), Map.entry("exponent", "DoubleNode 1000.0"),
                Map.entry("leadingDot", "DoubleNode 0.5"), Map.entry("true", "BooleanNode true"),
                Map.entry("capitalTrue", "BooleanNode true"), Map.entry("yes", "BooleanNode true"),
                Map.entry("no", "BooleanNode false"), Map.entry("on", "BooleanNode true"), Map.entry("off", "BooleanNode false"),
                Map.entry("y", "TextNode y"), Map.entry("mixedCase", "TextNode yEs"), Map.entry("null", "NullNode null"),
                Map.entry("tilde", "NullNode null"), Map.entry("empty", "NullNode null"), Map.entry("duration", "TextNode 3m"),
                Map.entry("clock", "TextNode 12:30"), Map.entry("date", "TextNode 2024-01-01"), Map.entry("word", "TextNode abc"),
                Map.entry("merge", "TextNode <<")), typed);
    }

    @Test
    void quotedBlockAndTaggedScalars() throws CatalogException {
        Map<String, String> typed = typeOf("""
                single: '1'
                double: "true"
                quotedNull: 'null'
                quotedEmpty: ''
                literal: |
                  x
                folded: >-
                  y
                  z
                str: !!str 5
                int: !!int "5"
                float: !!float 5
                bool: !!bool y
                custom: !thing 5
                nonSpecific: ! 5
                """);

        assertEquals(Map.ofEntries(
                Map.entry("single", "TextNode 1"), Map.entry("double", "TextNode true"), Map.entry("quotedNull", "TextNode null"),
                Map.entry("quotedEmpty", "TextNode "), Map.entry("literal", "TextNode x\n"), Map.entry("folded", "TextNode y z"),
                Map.entry("str", "TextNode 5"), Map.entry("int", "IntNode 5"), Map.entry("float", "DoubleNode 5.0"),
                Map.entry("bool", "BooleanNode true"), Map.entry("custom", "TextNode 5"), Map.entry("nonSpecific", "IntNode 5")),
                typed);
    }

    @Test
    void keysAreTheirTextAndListsKeepTheirOrder() throws CatalogException {
        JsonNode root = YamlTree.read("{1: a, true: b, ~: c}\n", "test.yaml");
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);

        assertEquals(List.of("1", "true", "~"), keys);
        assertEquals("[3,\"x\",null,false]", YamlTree.read("[3, x, ~, off]", "test.yaml").toString());
    }

    @Test
    void emptyDocumentsAndNotANumber() throws CatalogException {
        assertEquals(true, TreeBinder.absent(YamlTree.read("# nothing\n", "test.yaml")));
        CatalogException infinity = assertThrows(CatalogException.class, () -> YamlTree.read("a: 1\nb: .inf\n", "t.yaml"));

        assertEquals(List.of("YAML syntax error at line 2, column 8: Malformed numeric value '.inf'"),
                infinity.problems().stream().map(Problem::toString).toList());
    }

    private static Map<String, String> typeOf(String yaml) throws CatalogException {
        Map<String, String> typed = new LinkedHashMap<>();
        YamlTree.read(yaml, "test.yaml").properties()
                .forEach(entry -> typed.put(entry.getKey(), entry.getValue().getClass().getSimpleName() + " " + entry.getValue().asText()));
        return typed;
    }
}
