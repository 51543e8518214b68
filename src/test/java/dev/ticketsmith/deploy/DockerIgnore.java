package dev.ticketsmith.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Docker's {@code .dockerignore} rules, for tests: patterns in order, the last one that matches a
 * path or one of its parent directories decides, {@code !} lets a path back in, {@code *} and
 * {@code ?} stay within one path segment and {@code **} spans any number of them.
 */
final class DockerIgnore {

    private record Rule(Pattern pattern, boolean exclude) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\n")) {
            String p = line.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            boolean exclude = !p.startsWith("!");
            p = exclude ? p : p.substring(1).strip();
            p = p.replaceAll("^/+", "").replaceAll("/+$", "");
            rules.add(new Rule(Pattern.compile(regex(p)), exclude));
        }
        return new DockerIgnore(rules);
    }

    /** Whether the context leaves out {@code path} (relative, with forward slashes). */
    boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesOrParentMatches(rule.pattern(), path)) {
                excluded = rule.exclude();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParentMatches(Pattern pattern, String path) {
        String[] segments = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
            if (pattern.matcher(prefix).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                out.append(slashAfter ? "(.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
