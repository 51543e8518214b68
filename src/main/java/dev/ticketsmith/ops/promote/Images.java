package dev.ticketsmith.ops.promote;

/**
 * Turns what a user typed after {@code promote <service>} into an image: a full reference
 * ({@code registry/team/app:1.4.2}, {@code app@sha256:…}) is used as it is; a bare version
 * ({@code 1.4.2}) takes the stable image's repository.
 */
final class Images {

    private Images() {
    }

    static String resolve(String artifact, String stableImage) {
        if (artifact.contains("/") || artifact.contains("@") || artifact.contains(":")) {
            return artifact;
        }
        return repository(stableImage) + ":" + artifact;
    }

    /** The image reference without its tag or digest. */
    static String repository(String image) {
        String withoutDigest = dev.ticketsmith.release.Versions.withoutDigest(image);
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
