package dev.ticketsmith.metrics;

import io.restassured.RestAssured;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /q/metrics}, read as Prometheus text: series with their labels and values. */
public final class Scrape {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    private final Map<String, Double> series = new TreeMap<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), number(m.group(3)));
            }
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text); // NaN parses
        };
    }

    public static Scrape now() {
        return new Scrape(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the one series named {@code name} whose labels include every {@code labels} pair ({@code k="v"}); 0 when none. */
    public double value(String name, String... labels) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> java.util.Arrays.stream(labels).allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).reduce((a, b) -> {
                    throw new IllegalStateException("more than one series of " + name + " with " + String.join(",", labels));
                }).orElse(0);
    }

    public boolean has(String name, String... labels) {
        return series.keySet().stream()
                .filter(k -> k.equals(name) || k.startsWith(name + "{"))
                .anyMatch(k -> java.util.Arrays.stream(labels).allMatch(k::contains));
    }

    /** Every metric name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.keySet().forEach(k -> names.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        return names;
    }
}
