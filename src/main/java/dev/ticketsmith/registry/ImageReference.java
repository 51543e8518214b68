package dev.ticketsmith.registry;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference, read the way Docker reads it.
 *
 * <p>{@code nginx} is {@code registry-1.docker.io} / {@code library/nginx} / tag {@code latest};
 * {@code team/app:1.2} is on Docker Hub too; {@code ghcr.io/org/app:1.2},
 * {@code localhost:5000/app} and {@code registry:5000/a/b@sha256:…} name their registry, because
 * a first path component containing {@code .} or {@code :}, or equal to {@code localhost}, is a
 * registry host. When both a tag and a digest are given, the digest decides which image it is.
 *
 * @param name       the image name as the user wrote it, without tag or digest
 *                   ({@code nginx}, {@code docker.io/team/app}, {@code ghcr.io/org/app})
 * @param registry   the host (and port) to call the registry API on, lower-case;
 *                   {@code registry-1.docker.io} for Docker Hub
 * @param repository the repository path inside the registry ({@code library/nginx})
 * @param tag        the tag; {@code latest} when neither a tag nor a digest was written
 * @param digest     the digest ({@code sha256:} and 64 hex characters) when one was written
 */
public record ImageReference(String name, String registry, String repository,
                             Optional<String> tag, Optional<String> digest) {

    /** The host that serves Docker Hub's registry API. */
    public static final String DOCKER_HUB = "registry-1.docker.io";

    private static final String DOCKER_HUB_DISPLAY = "docker.io";

    /** Checks each part; {@link #parse(String)} is the usual way to make one. */
    public ImageReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        ReferenceSyntax.host(registry, name);
        ReferenceSyntax.repository(repository, name);
        tag.ifPresent(t -> ReferenceSyntax.tag(t, name));
        digest.ifPresent(d -> ReferenceSyntax.digest(d, name));
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest");
        }
    }

    /**
     * Reads a reference such as {@code ghcr.io/org/app:1.2} or {@code app@sha256:…}.
     *
     * @throws IllegalArgumentException with a message fit to show the user, when the text is not
     *                                  a valid reference
     */
    public static ImageReference parse(String text) {
        String reference = ReferenceSyntax.nonBlank(text);
        int at = reference.indexOf('@');
        String nameAndTag = at < 0 ? reference : reference.substring(0, at);
        Optional<String> digest = at < 0
                ? Optional.empty()
                : Optional.of(ReferenceSyntax.digest(reference.substring(at + 1), reference));
        int colon = nameAndTag.lastIndexOf(':');
        boolean hasTag = colon > nameAndTag.lastIndexOf('/');
        String name = hasTag ? nameAndTag.substring(0, colon) : nameAndTag;
        Optional<String> tag = hasTag
                ? Optional.of(ReferenceSyntax.tag(nameAndTag.substring(colon + 1), reference))
                : Optional.empty();
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        String[] hostAndPath = ReferenceSyntax.splitHost(name, reference);
        String registry = apiHost(hostAndPath[0]);
        String repository = DOCKER_HUB.equals(registry) && !hostAndPath[1].contains("/")
                ? "library/" + hostAndPath[1]
                : hostAndPath[1];
        ReferenceSyntax.totalLength(registry, repository, reference);
        return new ImageReference(name, registry, repository, tag, digest);
    }

    /** Whether the image lives on Docker Hub. */
    public boolean isDockerHub() {
        return DOCKER_HUB.equals(registry);
    }

    /** The registry as people write it: {@code docker.io} for Docker Hub, else the API host. */
    public String displayRegistry() {
        return isDockerHub() ? DOCKER_HUB_DISPLAY : registry;
    }

    /** Registry and repository, for messages: {@code docker.io/library/nginx}. */
    public String fullName() {
        return displayRegistry() + "/" + repository;
    }

    /**
     * The name as the user wrote it, pinned to a digest: {@code nginx:1.2} becomes
     * {@code nginx@sha256:…}. The tag is dropped so the result is one unambiguous image, in a form
     * Kubernetes accepts.
     */
    public String withDigest(String digest) {
        return name + "@" + ReferenceSyntax.digest(Objects.requireNonNull(digest, "digest"), name);
    }

    /** The reference in the user's spelling, with its tag (made explicit) and digest. */
    @Override
    public String toString() {
        return name + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    private static String apiHost(String host) {
        if (host == null) {
            return DOCKER_HUB;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("docker.io") || lower.equals("index.docker.io") ? DOCKER_HUB : lower;
    }
}
