package dev.ticketsmith.registry;

import dev.ticketsmith.crypto.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * One digest lookup for one tag: {@code HEAD} the manifest and read {@code Docker-Content-Digest};
 * when the registry does not say, {@code GET} the manifest and hash its bytes. A {@code 401} is
 * answered once through {@link RegistryAuth}, and the answer is reused for the rest of the lookup.
 */
final class ManifestLookup {

    /**
     * Every manifest kind, indexes and lists included: a multi-platform tag then resolves to its
     * index digest, the one {@code docker pull} pins, instead of one converted for an old client.
     */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** Registries refuse manifests above 4 MiB; anything bigger is not a manifest. */
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final RegistrySettings settings;
    private final ImageReference image;
    private final RegistryAuth auth;
    private final URI manifest;
    private String authorization;

    ManifestLookup(HttpClient http, RegistrySettings settings, ImageReference image) {
        this.http = http;
        this.settings = settings;
        this.image = image;
        this.auth = new RegistryAuth(http, settings, image);
        String scheme = settings.isInsecure(image.registry()) ? "http" : "https";
        this.manifest = URI.create(scheme + "://" + image.registry() + "/v2/" + image.repository()
                + "/manifests/" + image.tag().orElseThrow());
    }

    String digest() throws LookupFailure, IOException, InterruptedException {
        HttpResponse<Void> head = send("HEAD", BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            Optional<String> announced = head.headers().firstValue("Docker-Content-Digest")
                    .map(String::strip)
                    .filter(d -> ReferenceSyntax.DIGEST.matcher(d).matches());
            if (announced.isPresent()) {
                return announced.get();
            }
        } else if (head.statusCode() != 405) {
            throw failure(head.statusCode());
        }
        HttpResponse<InputStream> get = send("GET", BodyHandlers.ofInputStream());
        try (InputStream body = get.body()) {
            if (get.statusCode() != 200) {
                throw failure(get.statusCode());
            }
            return "sha256:" + sha256(body);
        }
    }

    private <T> HttpResponse<T> send(String method, BodyHandler<T> handler)
            throws LookupFailure, IOException, InterruptedException {
        HttpResponse<T> response = http.send(request(method), handler);
        if (response.statusCode() != 401 || authorization != null) {
            return response;
        }
        if (response.body() instanceof InputStream unread) {
            unread.close();
        }
        authorization = auth.answer(response.headers());
        return http.send(request(method), handler);
    }

    private HttpRequest request(String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(manifest)
                .timeout(settings.timeout())
                .header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private String sha256(InputStream body) throws IOException, LookupFailure {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
            total += read;
            if (total > MAX_MANIFEST_BYTES) {
                throw new LookupFailure(Reasons.oversizedManifest(image));
            }
            digest.update(buffer, 0, read);
        }
        return Sha256.hex(digest);
    }

    private LookupFailure failure(int status) {
        return new LookupFailure(Reasons.forStatus(image, status, auth.hasCredentials()));
    }
}
