package dev.ticketsmith.release;

import java.util.Optional;

/** Reads the parts of an image reference ({@code registry/repo:tag@sha256:…}) releases are compared by. */
public final class Versions {

    private Versions() {
    }

    /** The tag, or the short digest when the reference has no tag, or the reference itself. */
    public static String of(String image) {
        String withoutDigest = withoutDigest(image);
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        if (colon > slash) {
            return withoutDigest.substring(colon + 1);
        }
        return digestOf(image).map(d -> d.substring(0, Math.min(d.length(), 19))).orElse(image);
    }

    /** The reference without its {@code @sha256:…} pin: {@code registry/app:1.4.2}. */
    public static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** The {@code sha256:…} digest a reference is pinned to, if any. */
    public static Optional<String> digestOf(String image) {
        int at = image.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(image.substring(at + 1));
    }
}
