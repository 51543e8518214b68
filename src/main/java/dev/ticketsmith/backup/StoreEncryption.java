package dev.ticketsmith.backup;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Encryption at rest of an archive store, for DR status: an S3 bucket's default encryption must be
 * SSE-KMS with the configured key, and that key enabled with rotation on; a directory is as safe as
 * its volume, which TICKETSMITH cannot see.
 */
@ApplicationScoped
public class StoreEncryption {

    public List<PreflightCheck> store(String store, Optional<String> kmsKey) {
        URI uri = URI.create(store);
        if ("file".equals(uri.getScheme())) {
            return List.of(PreflightCheck.unknown("encryption", "archives are on a volume (" + store
                    + "): encrypted only if the volume is; TICKETSMITH cannot see it"));
        }
        return List.of(PreflightCheck.unknown("encryption", "not checked"));
    }
}
