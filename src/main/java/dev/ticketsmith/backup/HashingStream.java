package dev.ticketsmith.backup;

import dev.ticketsmith.crypto.Sha256;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes a stream through while computing its SHA-256 and counting its bytes. */
final class HashingStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.digest();
    private long count;

    HashingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    private String sha256;

    /** The hex SHA-256 of the whole stream, once it has been read to its end (computed once: the digest resets). */
    String sha256() {
        if (sha256 == null) {
            sha256 = Sha256.hex(digest);
        }
        return sha256;
    }

    long count() {
        return count;
    }
}
