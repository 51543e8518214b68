package dev.ticketsmith.backup;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Archives under an S3 prefix, streamed in 8 MiB parts by multipart upload (a dump's size is not known in advance),
 * each object encrypted server-side with the configured KMS key ({@code aws:kms}); a failed upload
 * is aborted, leaving nothing half-written.
 *
 * <p>Checksums are explicit: the upload is created with {@code CRC32}, each part carries the CRC32
 * we compute (sent as the {@code x-amz-checksum-crc32} header, so the SDK adds no trailing checksum
 * of its own) and the completion lists it per part. Left to itself, SDK 2.30+ adds a CRC32 trailer to
 * every part of an upload created without an algorithm, a combination reported to fail at completion
 * ("One or more of the specified parts could not be found", aws-sdk-java-v2 issue 6518).
 */
final class S3Store implements ArchiveStore {

    /** The part size in production: S3 takes at most 10,000 parts, so 8 MiB parts allow archives up to about 78 GiB. */
    static final int PART = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Optional<String> kmsKey;
    private final int partSize;

    S3Store(S3Client s3, String bucket, String prefix, Optional<String> kmsKey) {
        this(s3, bucket, prefix, kmsKey, PART);
    }

    /** A store with another part size; S3 wants at least 5 MiB for every part but the last, so smaller sizes are for tests. */
    S3Store(S3Client s3, String bucket, String prefix, Optional<String> kmsKey, int partSize) {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size must be positive, not " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.kmsKey = kmsKey;
        this.partSize = partSize;
    }

    @Override
    public Written write(String name, InputStream data) throws IOException {
        String key = prefix + name;
        String upload = s3.createMultipartUpload(r -> {
            r.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32);
            if (kmsKey.isPresent()) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKey.get());
            }
        }).uploadId();
        HashingStream hashing = new HashingStream(data);
        List<CompletedPart> parts = new ArrayList<>();
        try {
            byte[] buffer = new byte[partSize];
            int number = 1;
            int filled;
            // an empty stream still sends one (empty) part: S3 refuses to complete an upload without parts
            while ((filled = hashing.readNBytes(buffer, 0, partSize)) > 0 || parts.isEmpty()) {
                int partNumber = number++;
                byte[] bytes = Arrays.copyOf(buffer, filled);
                String crc32 = crc32(bytes);
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(partNumber)
                        .checksumCRC32(crc32), RequestBody.fromBytes(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumCRC32(crc32).build());
                if (filled < partSize) {
                    break;
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException | IOException e) {
            abort(key, upload, e);
            throw e;
        }
        return new Written(hashing.sha256(), hashing.count());
    }

    /** The CRC32 of a part as S3 writes it: base64 of the four big-endian bytes. */
    static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Aborts an upload; a failed abort is added to the failure that caused it, which stays the one thrown. */
    private void abort(String key, String upload, Exception cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public InputStream open(String name) {
        return s3.getObject(r -> r.bucket(bucket).key(prefix + name));
    }

    @Override
    public List<String> list(String suffix) {
        List<String> names = new ArrayList<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents().forEach(o -> {
            String name = o.key().substring(prefix.length());
            if (name.endsWith(suffix) && !name.contains("/")) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Override
    public void delete(String name) {
        s3.deleteObject(r -> r.bucket(bucket).key(prefix + name));
    }

    @Override
    public String uri(String name) {
        return "s3://" + bucket + "/" + prefix + name;
    }
}
