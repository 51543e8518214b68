package dev.ticketsmith.release;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The release records of services: what runs now, what ran before, and whether a version ever ran. */
@ApplicationScoped
public class Releases {

    /** Records a release done by an operation, in the caller's transaction. */
    @Transactional
    public Release record(String service, String environment, String image, String digest, UUID operationId, String kind,
                          String actorId, String actorName, Instant at) {
        if (Release.ROLLBACK.equals(kind)) {
            current(service, environment).ifPresent(bad -> bad.rolledBackAt = at); // what this rollback goes back from
        }
        Release r = new Release();
        r.service = service;
        r.environment = environment;
        r.image = image;
        r.digest = digest != null ? digest : Versions.digestOf(image).orElse(null);
        r.operationId = operationId;
        r.kind = kind;
        r.actorId = actorId;
        r.actorName = actorName;
        r.releasedAt = at;
        r.persist();
        return r;
    }

    /**
     * Records what a service runs when TICKETSMITH first sees it (no release recorded yet), with the
     * digest its pods run when known; true when it did.
     */
    @Transactional
    public boolean observe(String service, String environment, String image, String digest, Instant at) {
        if (image == null || Release.count("service = ?1 AND environment = ?2", service, environment) > 0) {
            return false;
        }
        record(service, environment, image, digest, null, Release.OBSERVED, "system:observed", null, at);
        return true;
    }

    /** The newest releases of a service in an environment, newest first. */
    @Transactional
    public List<Release> latest(String service, String environment, int limit) {
        return Release.<Release>find("service = :s AND environment = :e", Sort.descending("id"),
                Parameters.with("s", service).and("e", environment)).page(0, limit).list();
    }

    /** The newest releases of a service in every environment, newest first. */
    @Transactional
    public List<Release> latest(String service, int limit) {
        return Release.<Release>find("service = ?1", Sort.descending("id"), service).page(0, limit).list();
    }

    /** What runs now (the newest release), if any is recorded. */
    public Optional<Release> current(String service, String environment) {
        return latest(service, environment, 1).stream().findFirst();
    }

    /**
     * What a rollback returns to: the newest release before the current one that ran something else
     * and was not itself rolled back from.
     */
    @Transactional
    public Optional<Release> previous(String service, String environment) {
        return previous(latest(service, environment, 50));
    }

    /** {@link #previous(String, String)} of releases given newest first. */
    public static Optional<Release> previous(List<Release> newestFirst) {
        if (newestFirst.isEmpty()) {
            return Optional.empty();
        }
        Release current = newestFirst.get(0);
        return newestFirst.stream().skip(1).filter(r -> r.rolledBackAt == null && !sameArtifact(r, current)).findFirst();
    }

    /**
     * The newest earlier release that ran {@code version} there (a tag, a full image reference or a
     * digest) and was not rolled back from. Empty when there is none.
     */
    public Optional<Release> ranBefore(String service, String environment, String version) {
        return latest(service, environment, 200).stream().skip(1).filter(r -> r.rolledBackAt == null && matches(r, version)).findFirst();
    }

    private static boolean matches(Release r, String version) {
        if (version.startsWith("sha256:")) {
            return version.equals(r.digest);
        }
        if (version.contains("/") || version.contains(":") || version.contains("@")) {
            return r.image.equals(version) || r.image.startsWith(version + "@") || (r.digest != null && version.endsWith("@" + r.digest));
        }
        return r.version().equals(version);
    }

    private static boolean sameArtifact(Release a, Release b) {
        return a.digest != null && b.digest != null ? a.digest.equals(b.digest) : a.image.equals(b.image);
    }
}
