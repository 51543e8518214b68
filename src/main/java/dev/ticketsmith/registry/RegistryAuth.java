package dev.ticketsmith.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.registry.RegistrySettings.Credentials;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers a registry's {@code 401} challenge with an {@code Authorization} header: a bearer token
 * from the realm named in a {@code Bearer} challenge (the Docker token flow, anonymous unless
 * credentials are configured), or the configured credentials for a {@code Basic} challenge.
 */
final class RegistryAuth {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USABLE_TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    private final HttpClient http;
    private final RegistrySettings settings;
    private final ImageReference image;
    private final Optional<Credentials> credentials;

    RegistryAuth(HttpClient http, RegistrySettings settings, ImageReference image) {
        this.http = http;
        this.settings = settings;
        this.image = image;
        this.credentials = settings.credentialsFor(image);
    }

    boolean hasCredentials() {
        return credentials.isPresent();
    }

    /** The {@code Authorization} value that answers the challenges of a 401 response. */
    String answer(HttpHeaders challenged) throws LookupFailure, IOException, InterruptedException {
        List<AuthChallenge> challenges = AuthChallenge.parse(challenged.allValues("WWW-Authenticate"));
        Optional<AuthChallenge> bearer = AuthChallenge.find(challenges, "bearer");
        if (bearer.isPresent()) {
            return "Bearer " + token(bearer.get());
        }
        if (AuthChallenge.find(challenges, "basic").isPresent()) {
            return basic(credentials.orElseThrow(() -> new LookupFailure(Reasons.needsCredentials(image))));
        }
        throw new LookupFailure(Reasons.unsupportedSignIn(image));
    }

    private String token(AuthChallenge challenge) throws LookupFailure, IOException, InterruptedException {
        URI realm = realm(challenge);
        HttpRequest.Builder request = HttpRequest.newBuilder(withQuery(realm, challenge))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET();
        if (credentials.isPresent()) {
            if (!"https".equals(realm.getScheme()) && !settings.isInsecure(realm.getRawAuthority())) {
                throw new LookupFailure(Reasons.badTokenService(image,
                        "is not on https, so the credentials were not sent"));
            }
            request.header("Authorization", basic(credentials.get()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new LookupFailure(Reasons.refused(image, credentials.isPresent()));
        }
        if (status != 200) {
            throw new LookupFailure(Reasons.badTokenService(image, "answered HTTP " + status));
        }
        return tokenIn(response.body());
    }

    private URI realm(AuthChallenge challenge) throws LookupFailure {
        String realm = challenge.parameter("realm")
                .orElseThrow(() -> new LookupFailure(Reasons.badTokenService(image, "has no address")));
        try {
            URI uri = new URI(realm);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, like any other unusable address
        }
        throw new LookupFailure(Reasons.badTokenService(image, "has an address TICKETSMITH cannot use"));
    }

    private URI withQuery(URI realm, AuthChallenge challenge) {
        StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
        challenge.parameter("service").ifPresent(service -> append(query, "service", service));
        append(query, "scope", challenge.parameter("scope").orElse("repository:" + image.repository() + ":pull"));
        String path = realm.getRawPath() == null ? "" : realm.getRawPath();
        return URI.create(realm.getScheme() + "://" + realm.getRawAuthority() + path + "?" + query);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private String tokenIn(String body) throws LookupFailure {
        try {
            JsonNode answer = JSON.readTree(body);
            String token = text(answer, "token").or(() -> text(answer, "access_token")).orElse("");
            if (USABLE_TOKEN.matcher(token).matches()) {
                return token;
            }
            throw new LookupFailure(Reasons.badTokenService(image, "sent no usable token"));
        } catch (JsonProcessingException e) {
            throw new LookupFailure(Reasons.badTokenService(image, "sent an answer that is not JSON"));
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node).map(n -> n.get(field))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(t -> !t.isBlank());
    }

    private static String basic(Credentials credentials) {
        String pair = credentials.username() + ":" + credentials.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
