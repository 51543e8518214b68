package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The small checks the validation rules are made of (formats, ranges, references), each recording
 * a problem worded for the person editing the catalogue.
 */
final class Checks {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    static final Pattern CATALOGUE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");
    static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,}");

    private final Problems problems;

    Checks(Problems problems) {
        this.problems = problems;
    }

    void problem(String path, String message) {
        problems.add(path, message);
    }

    /** {@code value} matches {@code pattern}; otherwise "must be {expectation} (got "value")". */
    void format(String path, String value, Pattern pattern, String expectation) {
        if (!pattern.matcher(value).matches()) {
            problems.add(path, "must be " + expectation + " (got \"" + value + "\")");
        }
    }

    void dnsLabel(String path, String value) {
        format(path, value, DNS_LABEL, "a DNS label: lower-case letters, digits and '-', at most 63 characters");
    }

    void dnsName(String path, String value) {
        format(path, value, DNS_NAME, "a Kubernetes name: lower-case letters, digits, '-' and '.'");
    }

    void channel(String path, String value) {
        format(path, value, CHANNEL, "a Slack channel id such as C0123ABCD, not a channel name");
    }

    void principals(String path, Principals principals) {
        for (int i = 0; i < principals.users().size(); i++) {
            format(Problems.item(Problems.join(path, "users"), i), principals.users().get(i), USER,
                    "a Slack user id such as U0123ABCD, not a name");
        }
        for (int i = 0; i < principals.groups().size(); i++) {
            format(Problems.item(Problems.join(path, "groups"), i), principals.groups().get(i), GROUP,
                    "a Slack user group id such as S0123ABCD, not a handle");
        }
    }

    void range(String path, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(path, "must be between " + min + " and " + max + " (got " + value + ")");
        }
    }

    void atLeast(String path, long value, long min) {
        if (value < min) {
            problems.add(path, "must be at least " + min + " (got " + value + ")");
        }
    }

    void positive(String path, Duration value) {
        if (value.isZero()) {
            problems.add(path, "must be longer than 0s");
        }
    }

    /** A lower bound is not above the upper bound. */
    void ordered(String path, Optional<Double> min, Optional<Double> max) {
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            problems.add(Problems.join(path, "min"), "must not be above max, " + number(max.get()) + " (got " + number(min.get()) + ")");
        }
    }

    /** A number as a person would write it: {@code 1} rather than {@code 1.0}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** {@code name} is one of {@code known}; otherwise "no {kind} named "x" (did you mean "y"?)". */
    boolean exists(String path, String name, Collection<String> known, String kind) {
        if (known.contains(name)) {
            return true;
        }
        problems.add(path, "no " + kind + " named \"" + name + "\"" + Suggestions.hint(name, known));
        return false;
    }

    /** Reports the second and later occurrence of each name in {@code names}. */
    void unique(String path, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                problems.add(Problems.item(path, i), "\"" + names.get(i) + "\" is listed twice");
            }
        }
    }
}
