package dev.ticketsmith.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Archives in a local directory ({@code file:///dir/}); written to a temporary name, then moved into place. */
final class FileStore implements ArchiveStore {

    private final Path dir;

    FileStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Written write(String name, InputStream data) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        HashingStream hashing = new HashingStream(data);
        try (OutputStream out = Files.newOutputStream(partial)) {
            hashing.transferTo(out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Written(hashing.sha256(), hashing.count());
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(dir.resolve(name));
    }

    @Override
    public List<String> list(String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    @Override
    public String uri(String name) {
        return dir.resolve(name).toUri().toString();
    }
}
