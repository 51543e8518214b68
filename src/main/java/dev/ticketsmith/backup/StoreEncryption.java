package dev.ticketsmith.backup;

import dev.ticketsmith.dr.EncryptionChecks;
import dev.ticketsmith.dr.Status;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encryption at rest of an archive store, for DR status: an S3 bucket's default encryption must be
 * SSE-KMS with the configured key, and that key enabled with rotation on; a directory is as safe as
 * its volume, which TICKETSMITH cannot see.
 */
@ApplicationScoped
public class StoreEncryption {

    private final EncryptionChecks checks;

    StoreEncryption(EncryptionChecks checks) {
        this.checks = checks;
    }

    public List<PreflightCheck> store(String store, Optional<String> kmsKey) {
        URI uri = URI.create(store);
        if ("file".equals(uri.getScheme())) {
            return List.of(PreflightCheck.unknown("encryption", "archives are on a volume (" + store
                    + "): encrypted only if the volume is; TICKETSMITH cannot see it"));
        }
        List<PreflightCheck> found = new ArrayList<>();
        var bucket = checks.bucket(uri.getHost(), kmsKey);
        found.add(of("bucket encryption", bucket.status(), bucket.detail()));
        if (kmsKey.isEmpty()) {
            found.add(PreflightCheck.failed("backup key", "no `pgdump.kmsKey`: archives are not written with a key of yours"));
        } else {
            var key = checks.key(kmsKey.get());
            found.add(of("backup key", key.status(), key.detail()));
        }
        return found;
    }

    static PreflightCheck of(String name, Status status, String detail) {
        return switch (status) {
            case OK -> PreflightCheck.ok(name, detail);
            case FAILED -> PreflightCheck.failed(name, detail);
            case UNKNOWN -> PreflightCheck.unknown(name, detail);
        };
    }
}
