package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads single YAML values (text, whole numbers, numbers, booleans, durations and enum names) and
 * reports a value of the wrong kind with the path it was found at.
 *
 * <p>Enum constants are written in YAML in lower case with hyphens: {@code ALB_INGRESS} is
 * {@code alb-ingress}.
 */
final class Scalars {

    private final Problems problems;

    Scalars(Problems problems) {
        this.problems = problems;
    }

    /** Reads {@code node} as a {@code type}; empty, with a problem recorded, when it is not one. */
    Optional<Object> read(JsonNode node, Class<?> type, String path) {
        if (type == String.class) {
            return text(node, path);
        }
        if (type == int.class || type == Integer.class) {
            return check(node.isIntegralNumber() && node.canConvertToInt(), node, path, "must be a whole number")
                    .map(ok -> node.intValue());
        }
        if (type == double.class || type == Double.class) {
            return check(node.isNumber(), node, path, "must be a number").map(ok -> node.doubleValue());
        }
        if (type == boolean.class || type == Boolean.class) {
            return check(node.isBoolean(), node, path, "must be true or false").map(ok -> node.booleanValue());
        }
        if (type == Duration.class) {
            Optional<Duration> duration = node.isTextual() ? DurationParser.parse(node.textValue()) : Optional.empty();
            return check(duration.isPresent(), node, path, "must be a duration such as " + DurationParser.EXAMPLES)
                    .map(ok -> duration.get());
        }
        if (type.isEnum()) {
            return enumConstant(node, type, path);
        }
        throw new IllegalStateException("The catalogue schema uses an unsupported type " + type + " at " + path);
    }

    /** A scalar as non-blank text: numbers and booleans are taken as written. */
    Optional<Object> text(JsonNode node, String path) {
        if (!node.isValueNode()) {
            problems.add(path, "must be a single value (got " + describe(node) + ")");
            return Optional.empty();
        }
        String text = node.asText();
        if (text.isBlank()) {
            problems.add(path, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** How a value is shown in a problem: quoted text, a number as written, or its kind. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.textValue() + "\"";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    /** The YAML spelling of an enum constant. */
    static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The YAML spellings of an enum's constants, as a sentence fragment {@code a, b, c}. */
    static String wireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> wireName((Enum<?>) constant))
                .collect(Collectors.joining(", "));
    }

    private Optional<Object> enumConstant(JsonNode node, Class<?> type, String path) {
        List<?> constants = List.of(type.getEnumConstants());
        if (node.isTextual()) {
            for (Object constant : constants) {
                if (wireName((Enum<?>) constant).equals(node.textValue())) {
                    return Optional.of(constant);
                }
            }
        }
        problems.add(path, "must be one of " + wireNames(type) + " (got " + describe(node) + ")");
        return Optional.empty();
    }

    private Optional<Boolean> check(boolean ok, JsonNode node, String path, String expectation) {
        if (ok) {
            return Optional.of(Boolean.TRUE);
        }
        problems.add(path, expectation + " (got " + describe(node) + ")");
        return Optional.empty();
    }
}
