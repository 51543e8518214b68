package dev.ticketsmith.registry;

import static dev.ticketsmith.registry.FakeRegistry.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.registry.FakeRegistry.Seen;
import dev.ticketsmith.registry.RegistrySettings.Credentials;
import dev.ticketsmith.registry.Resolution.Resolved;
import dev.ticketsmith.registry.Resolution.Unresolved;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RegistryDigests} against a fake registry speaking the Registry HTTP API v2. */
class RegistryDigestsTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String MANIFEST =
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}";
    private static final String MANIFEST_DIGEST =
            "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2";
    private static final String MANIFEST_PATH = "/v2/team/app/manifests/1.2";
    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString(("robot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN = "tok-8f2a";

    private FakeRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void headAnnouncesTheDigest() {
        registry.on(MANIFEST_PATH, exchange -> answer(exchange, 200, "", "Docker-Content-Digest", DIGEST));

        Resolved resolved = assertInstanceOf(Resolved.class, digests(Map.of()).resolve(image()));

        assertEquals(DIGEST, resolved.digest());
        assertEquals(registry.host() + "/team/app@" + DIGEST, resolved.pinned());
        assertEquals(List.of("HEAD"), registry.seen().stream().map(Seen::method).toList());
        assertEquals(ManifestLookup.ACCEPT, registry.seen().get(0).accept());
    }

    @Test
    void headWithoutTheDigestIsFollowedByGetAndTheBodyIsHashed() {
        registry.on(MANIFEST_PATH, exchange -> answer(exchange, 200, MANIFEST));

        Resolved resolved = assertInstanceOf(Resolved.class, digests(Map.of()).resolve(image()));

        assertEquals(MANIFEST_DIGEST, resolved.digest());
        assertEquals(List.of("HEAD", "GET"), registry.seen().stream().map(Seen::method).toList());
        assertEquals(ManifestLookup.ACCEPT, registry.seen().get(1).accept());
    }

    @Test
    void headNotAllowedIsFollowedByGet() {
        registry.on(MANIFEST_PATH, exchange -> answer(exchange,
                exchange.getRequestMethod().equals("HEAD") ? 405 : 200, MANIFEST));

        Resolved resolved = assertInstanceOf(Resolved.class, digests(Map.of()).resolve(image()));

        assertEquals(MANIFEST_DIGEST, resolved.digest());
    }

    @Test
    void bearerChallengeIsAnsweredWithATokenFetchedWithTheCredentials() {
        registry.on(MANIFEST_PATH, exchange -> {
            if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 200, "", "Docker-Content-Digest", DIGEST);
            } else {
                answer(exchange, 401, "", "WWW-Authenticate", "Bearer realm=\"http://" + registry.host()
                        + "/token\",service=\"fake-registry\",scope=\"repository:team/app:pull\"");
            }
        });
        registry.on("/token", exchange -> {
            boolean expected = "service=fake-registry&scope=repository:team/app:pull"
                    .equals(exchange.getRequestURI().getQuery())
                    && BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, expected ? 200 : 401, expected ? "{\"token\":\"" + TOKEN + "\"}" : "");
        });

        Resolution resolution = digests(Map.of(registry.host(), robot())).resolve(image());

        assertEquals(DIGEST, assertInstanceOf(Resolved.class, resolution).digest());
        List<Seen> seen = registry.seen();
        assertEquals(List.of("HEAD " + MANIFEST_PATH, "GET /token", "HEAD " + MANIFEST_PATH),
                seen.stream().map(s -> s.method() + " " + s.path()).toList());
        assertNull(seen.get(0).authorization());
        assertEquals("Bearer " + TOKEN, seen.get(2).authorization());
    }

    @Test
    void anonymousTokenUsesTheDefaultScopeAndMayBeCalledAccessToken() {
        registry.on(MANIFEST_PATH, exchange -> {
            if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 200, "", "Docker-Content-Digest", DIGEST);
            } else {
                answer(exchange, 401, "", "WWW-Authenticate", "Bearer realm=\"http://" + registry.host() + "/token\"");
            }
        });
        registry.on("/token", exchange -> {
            boolean expected = "scope=repository:team/app:pull".equals(exchange.getRequestURI().getQuery())
                    && exchange.getRequestHeaders().getFirst("Authorization") == null;
            answer(exchange, expected ? 200 : 400, expected ? "{\"access_token\":\"" + TOKEN + "\"}" : "");
        });

        Resolution resolution = digests(Map.of()).resolve(image());

        assertEquals(DIGEST, assertInstanceOf(Resolved.class, resolution).digest());
    }

    @Test
    void refusedCredentialsAreReportedWithoutThePassword() {
        registry.on(MANIFEST_PATH, exchange -> answer(exchange, 401, "", "WWW-Authenticate",
                "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake-registry\""));
        registry.on("/token", exchange -> answer(exchange, 401, "{\"errors\":[]}"));

        Unresolved unresolved = assertInstanceOf(Unresolved.class,
                digests(Map.of(registry.host(), robot())).resolve(image()));

        assertEquals("registry " + registry.host() + " refused the configured credentials for team/app",
                unresolved.reason());
        assertFalse(unresolved.toString().contains(PASSWORD));
    }

    @Test
    void basicChallengeWithoutCredentialsAsksForThem() {
        registry.on(MANIFEST_PATH, exchange -> answer(exchange, 401, "", "WWW-Authenticate", "Basic realm=\"fake\""));

        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests(Map.of()).resolve(image()));

        assertTrue(unresolved.reason().contains("needs credentials"), unresolved.reason());
        assertEquals(1, registry.seen().size());
    }

    @Test
    void basicChallengeIsAnsweredWithTheCredentials() {
        registry.on(MANIFEST_PATH, exchange -> {
            boolean signedIn = BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, signedIn ? 200 : 401, "",
                    signedIn ? "Docker-Content-Digest" : "WWW-Authenticate", signedIn ? DIGEST : "Basic realm=\"fake\"");
        });

        Resolution resolution = digests(Map.of(registry.host(), robot())).resolve(image());

        assertEquals(DIGEST, assertInstanceOf(Resolved.class, resolution).digest());
        assertEquals(2, registry.seen().size());
    }

    @Test
    void missingTagIsReported() {
        registry.on("/v2/", exchange -> answer(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"));

        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests(Map.of()).resolve(image()));

        assertEquals("tag 1.2 not found in " + registry.host() + "/team/app", unresolved.reason());
    }

    @Test
    void failingRegistryIsReported() {
        registry.on("/v2/", exchange -> answer(exchange, 503, ""));

        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests(Map.of()).resolve(image()));

        assertEquals("registry " + registry.host() + " is failing (HTTP 503); try again later", unresolved.reason());
    }

    @Test
    void aRegistryThatStallsAfterTheHeadersStillEndsTheLookUp() {
        registry.on("/v2/", exchange -> {
            exchange.sendResponseHeaders(200, 1000); // a body is announced and never sent: no Docker-Content-Digest, so a GET follows
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        RegistryDigests digests = RegistryDigests.create(settings(Duration.ofMillis(300), Map.of(), true));

        long start = System.nanoTime();
        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests.resolve(image()));

        assertTrue(unresolved.reason().contains("did not answer in full within"), unresolved.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0, "bounded by 4 × the timeout");
    }

    @Test
    void silentRegistryTimesOut() {
        registry.on("/v2/", registry.silent());
        RegistryDigests digests = RegistryDigests.create(settings(Duration.ofMillis(300), Map.of(), true));

        long start = System.nanoTime();
        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests.resolve(image()));

        assertEquals("registry " + registry.host() + " did not answer within 300 ms", unresolved.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void closedPortIsReported() {
        String host = registry.host();
        registry.close();

        Resolution resolution = digests(Map.of()).resolve(host + "/team/app:1.2");

        assertEquals(new Unresolved("could not connect to registry " + host), resolution);
    }

    @Test
    void registryNotListedAsInsecureIsCalledOverHttps() {
        registry.on("/v2/", exchange -> answer(exchange, 200, "", "Docker-Content-Digest", DIGEST));
        RegistryDigests digests = RegistryDigests.create(new RegistrySettings(
                Duration.ofMillis(500), Set.of(), Map.of(), true));

        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests.resolve(image()));

        assertTrue(unresolved.reason().contains(registry.host()), unresolved.reason());
        assertEquals(List.of(), registry.seen(), "a TLS handshake is no HTTP request");
    }

    @Test
    void digestReferenceIsResolvedWithoutAnyRequest() {
        registry.on("/", exchange -> answer(exchange, 500, ""));
        String image = registry.host() + "/team/app:1.2@" + DIGEST;

        for (boolean enabled : new boolean[] {true, false}) {
            RegistryDigests digests = RegistryDigests.create(settings(Duration.ofSeconds(2), Map.of(), enabled));
            Resolved resolved = assertInstanceOf(Resolved.class, digests.resolve(image));
            assertEquals(DIGEST, resolved.digest());
            assertEquals(registry.host() + "/team/app@" + DIGEST, resolved.pinned());
        }
        assertEquals(0, registry.seen().size());
    }

    @Test
    void lookupsCanBeTurnedOff() {
        registry.on("/", exchange -> answer(exchange, 500, ""));
        RegistryDigests digests = RegistryDigests.create(settings(Duration.ofSeconds(2), Map.of(), false));

        assertEquals(new Unresolved("digest lookup is off"), digests.resolve(image()));
        assertEquals(0, registry.seen().size());
    }

    @Test
    void malformedReferenceIsReportedNotThrown() {
        Unresolved unresolved = assertInstanceOf(Unresolved.class, digests(Map.of()).resolve("Team/App:1.2"));

        assertTrue(unresolved.reason().contains("lower-case"), unresolved.reason());
        assertEquals(0, registry.seen().size());
    }

    @Test
    void thePasswordIsNeverShown() {
        registry.on("/v2/", exchange -> answer(exchange, 401, "", "WWW-Authenticate", "Basic realm=\"fake\""));
        RegistrySettings settings = settings(Duration.ofSeconds(2), Map.of(registry.host(), robot()), true);

        Resolution refused = RegistryDigests.create(settings).resolve(image());

        assertEquals(new Unresolved("registry " + registry.host() + " refused the configured credentials for team/app"),
                refused);
        for (String shown : List.of(refused.toString(), robot().toString(), settings.toString())) {
            assertFalse(shown.contains(PASSWORD), shown);
        }
        assertTrue(robot().toString().contains("robot"));
    }

    private String image() {
        return registry.host() + "/team/app:1.2";
    }

    private RegistryDigests digests(Map<String, Credentials> credentials) {
        return RegistryDigests.create(settings(Duration.ofSeconds(2), credentials, true));
    }

    private RegistrySettings settings(Duration timeout, Map<String, Credentials> credentials, boolean enabled) {
        return new RegistrySettings(timeout, Set.of(registry.host()), credentials, enabled);
    }

    private static Credentials robot() {
        return new Credentials("robot", PASSWORD);
    }
}
