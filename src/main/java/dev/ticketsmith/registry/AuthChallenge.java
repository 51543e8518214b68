package dev.ticketsmith.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header, such as
 * {@code Bearer realm="https://auth.example.com/token",service="registry",scope="repository:a:pull"}.
 *
 * @param scheme     the scheme, lower-case ({@code bearer}, {@code basic})
 * @param parameters the parameters by lower-case name, unquoted
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    /** Every challenge in the given header values, in order; text it cannot read is skipped. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Reader(value).readAll(challenges);
        }
        return challenges;
    }

    /** The first challenge of a scheme. */
    static Optional<AuthChallenge> find(List<AuthChallenge> challenges, String scheme) {
        return challenges.stream().filter(c -> c.scheme().equals(scheme)).findFirst();
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isBlank());
    }

    /** A cursor over one header value (RFC 9110 section 11.6.1). */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text == null ? "" : text;
        }

        void readAll(List<AuthChallenge> into) {
            while (true) {
                skip(" \t,");
                String scheme = token();
                if (scheme.isEmpty()) {
                    if (at >= text.length()) {
                        return;
                    }
                    at++;
                    continue;
                }
                into.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), parameters()));
            }
        }

        private Map<String, String> parameters() {
            Map<String, String> parameters = new HashMap<>();
            while (true) {
                skip(" \t");
                int start = at;
                String name = token();
                skip(" \t");
                if (name.isEmpty() || !next('=')) {
                    at = start;
                    return parameters;
                }
                skip(" \t");
                parameters.put(name.toLowerCase(Locale.ROOT), peek('"') ? quoted() : token());
                skip(" \t");
                if (!next(',')) {
                    return parameters;
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++;
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            at++;
            return value.toString();
        }

        private String token() {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
        }

        private boolean next(char c) {
            if (peek(c)) {
                at++;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void skip(String characters) {
            while (at < text.length() && characters.indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }
}
