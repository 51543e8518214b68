package dev.ticketsmith.registry;

import java.util.Objects;

/** What {@link RegistryDigests} found for an image: a digest to pin, or why there is none. */
public sealed interface Resolution permits Resolution.Resolved, Resolution.Unresolved {

    /**
     * The image's manifest digest.
     *
     * @param reference the image as parsed
     * @param digest    {@code sha256:} and 64 hex characters
     * @param pinned    the image in the user's spelling, pinned: {@code nginx@sha256:…}
     */
    record Resolved(ImageReference reference, String digest, String pinned) implements Resolution {

        /** All parts are required. */
        public Resolved {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(pinned, "pinned");
        }

        /** The reference pinned to a digest. */
        public static Resolved of(ImageReference reference, String digest) {
            return new Resolved(reference, digest, reference.withDigest(digest));
        }
    }

    /**
     * No digest, and why, in a short plain-text sentence fit for a Slack message (escape it for
     * mrkdwn). It never contains credentials or tokens.
     */
    record Unresolved(String reason) implements Resolution {

        /** The reason is required. */
        public Unresolved {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
