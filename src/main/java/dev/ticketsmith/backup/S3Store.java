package dev.ticketsmith.backup;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Archives under an S3 prefix, streamed in 8 MiB parts (a dump's size is not known in advance),
 * each object encrypted server-side with the configured KMS key ({@code aws:kms}); a failed upload
 * is aborted, leaving nothing half-written.
 */
final class S3Store implements ArchiveStore {

    private static final int PART = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Optional<String> kmsKey;

    S3Store(S3Client s3, String bucket, String prefix, Optional<String> kmsKey) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.kmsKey = kmsKey;
    }

    @Override
    public Written write(String name, InputStream data) throws IOException {
        String key = prefix + name;
        String upload = s3.createMultipartUpload(r -> {
            r.bucket(bucket).key(key);
            if (kmsKey.isPresent()) {
                r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKey.get());
            }
        }).uploadId();
        HashingStream hashing = new HashingStream(data);
        List<CompletedPart> parts = new ArrayList<>();
        try {
            byte[] buffer = new byte[PART];
            int number = 1;
            int filled;
            while ((filled = hashing.readNBytes(buffer, 0, PART)) > 0 || parts.isEmpty()) {
                int partNumber = number++;
                byte[] bytes = java.util.Arrays.copyOf(buffer, filled);
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(partNumber),
                        RequestBody.fromBytes(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                if (filled < PART) {
                    break;
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException | IOException e) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
            throw e;
        }
        return new Written(hashing.sha256(), hashing.count());
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
