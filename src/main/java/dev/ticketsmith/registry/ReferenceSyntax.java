package dev.ticketsmith.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The grammar of image references (after Docker's {@code distribution/reference}), one check per
 * part. Each check returns the part or throws an {@link IllegalArgumentException} whose message
 * says what is wrong and what a valid reference looks like.
 */
final class ReferenceSyntax {

    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH_COMPONENT =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_SHOWN = 80;
    private static final String EXAMPLE = "write it like registry.example.com/team/app:1.4.2";

    private ReferenceSyntax() {
    }

    static String nonBlank(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the image reference is empty; " + EXAMPLE);
        }
        String reference = text.strip();
        if (reference.chars().anyMatch(Character::isWhitespace)) {
            throw problem(reference, "has spaces in it; " + EXAMPLE);
        }
        return reference;
    }

    static String digest(String digest, String reference) {
        if (!DIGEST.matcher(digest).matches()) {
            throw problem(reference, "has a digest that is not `sha256:` followed by 64 lower-case hex characters");
        }
        return digest;
    }

    static String tag(String tag, String reference) {
        if (tag.isEmpty()) {
            throw problem(reference, "ends its name with `:` but has no tag after it");
        }
        if (!TAG.matcher(tag).matches()) {
            throw problem(reference, "has a tag that registries refuse: use letters, digits, `_`, `.` or `-`"
                    + " (not first), at most 128 characters");
        }
        return tag;
    }

    /**
     * Splits a name into registry host (null for Docker Hub's implicit one) and repository path.
     */
    static String[] splitHost(String name, String reference) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        boolean isHost = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!isHost) {
            return new String[] {null, repository(name, reference)};
        }
        return new String[] {host(first, reference), repository(name.substring(slash + 1), reference)};
    }

    static String host(String host, String reference) {
        if (!HOST.matcher(host).matches()) {
            throw problem(reference, "names a registry host `" + shown(host) + "` that is not a valid host[:port]");
        }
        return host;
    }

    static String repository(String path, String reference) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw problem(reference, "has an empty part in its name; " + EXAMPLE);
        }
        for (String component : path.split("/")) {
            if (PATH_COMPONENT.matcher(component).matches()) {
                continue;
            }
            String lower = component.toLowerCase(Locale.ROOT);
            if (PATH_COMPONENT.matcher(lower).matches()) {
                throw problem(reference, "has upper-case letters in its repository name; registries only accept"
                        + " lower-case (try `" + path.toLowerCase(Locale.ROOT) + "`)");
            }
            throw problem(reference, "has `" + shown(component) + "` in its repository name: use lower-case"
                    + " letters and digits, separated by `.`, `_`, `__` or `-`");
        }
        return path;
    }

    static void totalLength(String registry, String repository, String reference) {
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            throw problem(reference, "has a name longer than " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static IllegalArgumentException problem(String reference, String why) {
        return new IllegalArgumentException("image `" + shown(reference) + "` " + why);
    }

    private static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }
}
