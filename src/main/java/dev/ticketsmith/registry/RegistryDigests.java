package dev.ticketsmith.registry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Objects;

/**
 * The adapter to container registries (OCI Distribution / Docker Registry HTTP API v2): turns an
 * image reference into its manifest digest, so a promotion can show and pin {@code repo@sha256:…}.
 *
 * <p>Nothing is cached, because tags move. Problems are answers: a missing tag, a refusal, a
 * timeout or a broken connection give {@link Resolution.Unresolved} with a short reason, never an
 * exception. Each HTTP request waits at most {@link RegistrySettings#timeout()}; a lookup makes
 * at most four (HEAD, token, HEAD again, GET when the registry does not announce the digest).
 */
public final class RegistryDigests {

    /** Requests one look-up makes at most: HEAD, token, HEAD again, GET. */
    private static final int MAX_REQUESTS = 4;
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "registry-lookup");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient http;
    private final RegistrySettings settings;
    private final Optional<EcrDigests> ecr;

    /** Uses the given client as it is (tests pass their own). */
    public RegistryDigests(HttpClient http, RegistrySettings settings) {
        this(http, settings, Optional.empty());
    }

    /** With ECR images answered by the ECR API, unless credentials for their registry are configured. */
    public RegistryDigests(HttpClient http, RegistrySettings settings, Optional<EcrDigests> ecr) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ecr = Objects.requireNonNull(ecr, "ecr");
    }

    /**
     * With a client that connects within the settings' timeout and follows no redirects: the JDK
     * client would repeat the {@code Authorization} header to wherever a redirect points, even to
     * another host, and registries answer manifest and token requests directly.
     */
    public static RegistryDigests create(RegistrySettings settings) {
        return create(settings, Optional.empty());
    }

    /** As {@link #create(RegistrySettings)}, with ECR images answered by the ECR API. */
    public static RegistryDigests create(RegistrySettings settings, Optional<EcrDigests> ecr) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new RegistryDigests(http, settings, ecr);
    }

    /**
     * The digest of an image as the user wrote it. A reference that is not valid gives
     * {@link Resolution.Unresolved} saying what is wrong with it.
     */
    public Resolution resolve(String image) {
        try {
            return resolve(ImageReference.parse(image));
        } catch (IllegalArgumentException e) {
            return new Resolution.Unresolved(e.getMessage());
        }
    }

    /**
     * The digest of an image. One that names its digest is resolved as it is, without asking the
     * registry (even when lookups are off, since none is needed).
     */
    public Resolution resolve(ImageReference image) {
        if (image.digest().isPresent()) {
            return Resolution.Resolved.of(image, image.digest().get());
        }
        if (!settings.enabled()) {
            return new Resolution.Unresolved(Reasons.off());
        }
        // a request's timeout ends with the headers; a registry that then stalls must not hold the step
        Duration deadline = settings.timeout().multipliedBy(MAX_REQUESTS);
        Future<Resolution> lookup = LOOKUPS.submit(() -> lookUp(image));
        try {
            return lookup.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Resolution.Unresolved("`" + image.displayRegistry() + "` did not answer in full within "
                    + Reasons.readable(deadline));
        } catch (ExecutionException e) {
            return new Resolution.Unresolved("the digest look-up failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resolution.Unresolved(Reasons.interrupted());
        }
    }

    private Resolution lookUp(ImageReference image) {
        if (ecr.isPresent() && EcrDigests.isEcr(image) && settings.credentialsFor(image).isEmpty()) {
            return ecr.get().resolve(image);
        }
        try {
            return Resolution.Resolved.of(image, new ManifestLookup(http, settings, image).digest());
        } catch (LookupFailure e) {
            return new Resolution.Unresolved(e.reason());
        } catch (IOException e) {
            return new Resolution.Unresolved(Reasons.forException(image, e, settings.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resolution.Unresolved(Reasons.interrupted());
        }
    }
}
