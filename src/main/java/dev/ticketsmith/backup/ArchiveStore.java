package dev.ticketsmith.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where {@code pg_dump} archives and their manifests are kept: a directory ({@code file:///dir/})
 * or an S3 prefix ({@code s3://bucket/prefix/}, encrypted with the configured KMS key). Names are
 * relative to the store.
 */
public interface ArchiveStore {

    /** Writes a stream under a name, computing its SHA-256 and size on the way. */
    Written write(String name, InputStream data) throws IOException;

    /** Reads what is stored under a name. */
    InputStream open(String name) throws IOException;

    /** The names in the store that end with {@code suffix}. */
    List<String> list(String suffix) throws IOException;

    void delete(String name) throws IOException;

    /** The full address of a name, as people and manifests refer to it. */
    String uri(String name);

    /** What a write stored. */
    record Written(String sha256, long sizeBytes) {
    }
}
