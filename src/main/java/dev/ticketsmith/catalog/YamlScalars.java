package dev.ticketsmith.catalog;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.List;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Turns one YAML scalar into a tree value with the rules of Jackson's YAML parser (2.x), which read
 * the catalogue before anchors were supported, so that the binder sees the same values as before.
 *
 * <p>The tag SnakeYAML resolved (the same resolver Jackson used) decides: {@code int} (decimal,
 * {@code 0x}, {@code 0b}, a leading {@code 0} for octal, {@code _} ignored; an int, long or big
 * integer node chosen as Jackson chose it), {@code float} (a double), {@code bool} ({@code true},
 * {@code yes}, {@code on} and their opposites, in YAML 1.1's spellings), {@code null}
 * ({@code null}, {@code ~}, nothing) and {@code binary}; anything else, and every quoted scalar, is
 * text. A number that cannot be read, such as {@code .inf}, is an {@link IllegalArgumentException}
 * with Jackson's message. One difference remains: an explicit {@code !!null} with nothing after it
 * is null here but was empty text in Jackson, as a composed node no longer tells it from an empty
 * value without a tag.
 */
final class YamlScalars {

    private static final String YAML_TAG = "tag:yaml.org,2002:";
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final List<String> TRUE_WORDS = List.of("y", "on", "yes", "true");
    private static final List<String> FALSE_WORDS = List.of("n", "no", "off", "false");

    private YamlScalars() {
    }

    /** The tree value of {@code scalar}. */
    static JsonNode value(ScalarNode scalar) {
        String value = scalar.getValue();
        return switch (tagName(scalar.getTag().getValue())) {
            case "int" -> value.isEmpty() ? TextNode.valueOf(value) : integer(value);
            case "float" -> value.isEmpty() ? TextNode.valueOf(value) : floating(value);
            case "bool" -> bool(value);
            case "null" -> value.isEmpty() && !scalar.isPlain() ? TextNode.valueOf(value) : NullNode.getInstance();
            case "binary" -> BinaryNode.valueOf(Base64Variants.MIME.decode(value.trim()));
            default -> TextNode.valueOf(value);
        };
    }

    private static String tagName(String tag) {
        if (!tag.startsWith(YAML_TAG)) {
            return tag;
        }
        String name = tag.substring(YAML_TAG.length());
        int comma = name.indexOf(',');
        return comma < 0 ? name : name.substring(0, comma);
    }

    private static JsonNode bool(String value) {
        if (TRUE_WORDS.stream().anyMatch(value::equalsIgnoreCase)) {
            return BooleanNode.TRUE;
        }
        return FALSE_WORDS.stream().anyMatch(value::equalsIgnoreCase) ? BooleanNode.FALSE : TextNode.valueOf(value);
    }

    private static JsonNode integer(String value) {
        boolean negative = value.charAt(0) == '-';
        int start = negative || value.charAt(0) == '+' ? 1 : 0;
        if (start == value.length()) {
            return TextNode.valueOf(value);
        }
        if (value.charAt(start) == '0') {
            return prefixed(value, start + 1, negative);
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && c != '_') {
                return TextNode.valueOf(value);
            }
        }
        BigInteger number = new BigInteger(checkLength((negative ? "-" : "") + value.substring(start).replace("_", "")));
        if (number.bitLength() <= 31) {
            return IntNode.valueOf(number.intValue());
        }
        return number.bitLength() <= 63 ? LongNode.valueOf(number.longValue()) : BigIntegerNode.valueOf(number);
    }

    /** A whole number starting with {@code 0}: zero, binary, hexadecimal or octal. */
    private static JsonNode prefixed(String value, int next, boolean negative) {
        if (next == value.length()) {
            return IntNode.valueOf(0);
        }
        char c = value.charAt(next);
        if (c == 'b' || c == 'B') {
            return radix(value.substring(next + 1), 2, negative, 31, 63, 32);
        }
        if (c == 'x' || c == 'X') {
            return radix(value.substring(next + 1), 16, negative, 7, 15, 8);
        }
        if (c >= '0' && c <= '9' || c == '_') {
            return radix(value.substring(next), 8, negative, 10, 21, -1);
        }
        return TextNode.valueOf(value);
    }

    /** Jackson's choice of node by the number of digits, not by the value (so {@code 0x7FFFFFFF} is a long). */
    private static JsonNode radix(String written, int base, boolean negative, int intDigits, int longDigits, int checkIntDigits) {
        String digits = written.replace("_", "");
        try {
            if (digits.length() <= intDigits) {
                int number = Integer.parseInt(digits, base);
                return IntNode.valueOf(negative ? -number : number);
            }
            if (digits.length() <= longDigits) {
                long number = Long.parseLong(digits, base);
                long signed = negative ? -number : number;
                boolean fitsInt = negative ? signed >= Integer.MIN_VALUE : number < Integer.MAX_VALUE;
                return digits.length() == checkIntDigits && fitsInt ? IntNode.valueOf((int) signed) : LongNode.valueOf(signed);
            }
            BigInteger number = new BigInteger(checkLength(digits), base);
            return BigIntegerNode.valueOf(negative ? number.negate() : number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format("Invalid base-%d number ('%s'), problem: %s", base, digits, e.getMessage()), e);
        }
    }

    private static JsonNode floating(String value) {
        String cleaned = value.indexOf('_') < 0 ? value : value.substring(value.charAt(0) == '+' ? 1 : 0).replace("_", "");
        try {
            return DoubleNode.valueOf(Double.parseDouble(checkLength(cleaned)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Malformed numeric value '" + value + "'", e);
        }
    }

    private static String checkLength(String number) {
        if (number.length() > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("Number value length (" + number.length()
                    + ") exceeds the maximum allowed (" + MAX_NUMBER_LENGTH + ")");
        }
        return number;
    }
}
