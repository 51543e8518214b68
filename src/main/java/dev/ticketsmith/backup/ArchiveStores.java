package dev.ticketsmith.backup;

import dev.ticketsmith.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** The store a {@code pgdump} database's {@code store} names: {@code file:///dir/} or {@code s3://bucket/prefix/}. */
@ApplicationScoped
public class ArchiveStores {

    private final AwsClients aws;

    ArchiveStores(AwsClients aws) {
        this.aws = aws;
    }

    public ArchiveStore of(String store, Optional<String> kmsKey) {
        URI uri = URI.create(store);
        if ("file".equals(uri.getScheme())) {
            return new FileStore(Path.of(uri));
        }
        if ("s3".equals(uri.getScheme())) {
            String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            return new S3Store(aws.s3(), uri.getHost(), prefix, kmsKey);
        }
        throw new IllegalArgumentException("a store is s3://bucket/prefix/ or file:///dir/, not " + store);
    }
}
