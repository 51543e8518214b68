package dev.ticketsmith.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The sentences a user sees when a digest cannot be resolved. They name the registry and the
 * repository, never a credential or a token, and never echo what a server sent.
 */
final class Reasons {

    private Reasons() {
    }

    static String off() {
        return "digest lookup is off";
    }

    static String needsCredentials(ImageReference image) {
        return "registry " + image.displayRegistry() + " needs credentials to read " + image.repository()
                + "; add them to the registry settings";
    }

    static String refused(ImageReference image, boolean withCredentials) {
        return withCredentials
                ? "registry " + image.displayRegistry() + " refused the configured credentials for " + image.repository()
                : needsCredentials(image);
    }

    static String unsupportedSignIn(ImageReference image) {
        return "registry " + image.displayRegistry() + " asks for a kind of sign-in TICKETSMITH does not support";
    }

    static String badTokenService(ImageReference image, String what) {
        return "registry " + image.displayRegistry() + "'s token service " + what;
    }

    static String forStatus(ImageReference image, int status, boolean withCredentials) {
        String registry = "registry " + image.displayRegistry();
        if (status == 404) {
            return "tag " + image.tag().orElse("latest") + " not found in " + image.fullName();
        }
        if (status == 401) {
            return refused(image, withCredentials);
        }
        if (status == 403) {
            return registry + " denied access to " + image.repository();
        }
        if (status == 429) {
            return registry + " is limiting requests; try again in a few minutes";
        }
        if (status >= 500) {
            return registry + " is failing (HTTP " + status + "); try again later";
        }
        return registry + " answered HTTP " + status + " for " + image.fullName();
    }

    static String forException(ImageReference image, IOException e, Duration timeout) {
        String registry = "registry " + image.displayRegistry();
        if (e instanceof HttpTimeoutException) {
            return registry + " did not answer within " + readable(timeout);
        }
        if (e instanceof ConnectException) {
            return "could not connect to " + registry;
        }
        if (e instanceof SSLException) {
            return "could not set up TLS with " + registry + " (if it only speaks http, list it as insecure)";
        }
        return "lost the connection to " + registry + " while asking for " + image.repository();
    }

    static String oversizedManifest(ImageReference image) {
        return "registry " + image.displayRegistry() + " sent a manifest larger than 4 MiB for " + image.fullName();
    }

    static String interrupted() {
        return "digest lookup was interrupted";
    }

    static String readable(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
