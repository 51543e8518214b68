package dev.ticketsmith.backup;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ticketsmith.crypto.Sha256;
import dev.ticketsmith.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link S3Store} against a local S3 (path-style REST and XML): multipart uploads with SSE-KMS and
 * per-part CRC32, aborts, listing with pagination, reads and deletes. Request bodies may arrive in
 * {@code aws-chunked} encoding (the SDK signs chunk by chunk over plain HTTP), so they are decoded
 * before they are compared.
 */
class S3StoreTest {

    private static final String BUCKET = "acme-backups";
    private static final String KEY = "pg/shop.dump";
    private static final String OBJECT = "/" + BUCKET + "/" + KEY;
    private static final String UPLOAD = "VXBsb2FkIElEIGZvciBzaG9wLmR1bXA";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static LocalAws aws;
    private static WireMockServer s3;
    private static S3Client client;

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
        s3 = aws.server();
        client = aws.clients().s3();
    }

    @AfterAll
    static void stop() {
        client.close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        s3.resetAll();
    }

    private static S3Store store(int partSize) {
        return new S3Store(client, BUCKET, "pg", Optional.of(KMS_KEY), partSize);
    }

    @Test
    void aStreamLongerThanOnePartGoesUpInOrderedPartsEncryptedWithTheConfiguredKey() throws IOException {
        stubMultipartUpload();
        byte[] data = bytes(2_500);

        ArchiveStore.Written written = store(1_024).write("shop.dump", new ByteArrayInputStream(data));

        assertEquals(hex(data), written.sha256());
        assertEquals(2_500, written.sizeBytes());
        LoggedRequest initiate = only(RequestMethod.POST, OBJECT + "?uploads");
        assertEquals("aws:kms", initiate.getHeader("x-amz-server-side-encryption"));
        assertEquals(KMS_KEY, initiate.getHeader("x-amz-server-side-encryption-aws-kms-key-id"));
        assertEquals("CRC32", initiate.getHeader("x-amz-checksum-algorithm"));
        List<LoggedRequest> parts = parts();
        assertEquals(3, parts.size());
        assertArrayEquals(Arrays.copyOfRange(data, 0, 1_024), body(parts.get(0)));
        assertArrayEquals(Arrays.copyOfRange(data, 1_024, 2_048), body(parts.get(1)));
        assertArrayEquals(Arrays.copyOfRange(data, 2_048, 2_500), body(parts.get(2)));
        for (LoggedRequest part : parts) {
            assertEquals(S3Store.crc32(body(part)), part.getHeader("x-amz-checksum-crc32"), "the part's CRC32 travels as a header");
        }
        assertEquals(List.of("1 \"etag-1\" " + crc(data, 0, 1_024), "2 \"etag-2\" " + crc(data, 1_024, 2_048),
                "3 \"etag-3\" " + crc(data, 2_048, 2_500)), completedParts(only(RequestMethod.POST, OBJECT + "?uploadId=" + UPLOAD)));
        s3.verify(0, deleteRequestedFor(urlPathEqualTo(OBJECT)));
    }

    @Test
    void aStreamThatFillsItsLastPartExactlySendsNoEmptyPartAfterIt() throws IOException {
        stubMultipartUpload();
        byte[] data = bytes(2_048);

        store(1_024).write("shop.dump", new ByteArrayInputStream(data));

        assertEquals(2, parts().size());
        assertEquals(2, completedParts(only(RequestMethod.POST, OBJECT + "?uploadId=" + UPLOAD)).size());
    }

    @Test
    void anEmptyStreamStillMakesAnObjectFromOneEmptyPart() throws IOException {
        stubMultipartUpload();

        ArchiveStore.Written written = store(1_024).write("shop.dump", InputStream.nullInputStream());

        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", written.sha256());
        assertEquals(0, written.sizeBytes());
        List<LoggedRequest> parts = parts();
        assertEquals(1, parts.size());
        assertEquals(0, body(parts.get(0)).length);
        assertEquals(List.of("1 \"etag-1\" AAAAAA=="), completedParts(only(RequestMethod.POST, OBJECT + "?uploadId=" + UPLOAD)));
    }

    @Test
    void aPartThatKeepsFailingAbortsTheUploadAfterTheRetries() {
        stubMultipartUpload();
        s3.stubFor(put(urlPathEqualTo(OBJECT)).withQueryParam("partNumber", equalTo("2")).willReturn(error(500, "InternalError",
                "We encountered an internal error. Please try again.")));

        S3Exception failure = assertThrows(S3Exception.class, () -> store(1_024).write("shop.dump", new ByteArrayInputStream(bytes(2_500))));

        assertEquals(500, failure.statusCode());
        s3.verify(3, putRequestedFor(urlPathEqualTo(OBJECT)).withQueryParam("partNumber", equalTo("2")));
        s3.verify(0, putRequestedFor(urlPathEqualTo(OBJECT)).withQueryParam("partNumber", equalTo("3")));
        s3.verify(0, postRequestedFor(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)));
        s3.verify(1, deleteRequestedFor(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)));
    }

    @Test
    void aPartRefusedWithAccessDeniedAbortsAtOnce() {
        stubMultipartUpload();
        s3.stubFor(put(urlPathEqualTo(OBJECT)).withQueryParam("partNumber", equalTo("1")).willReturn(error(403, "AccessDenied",
                "User: arn:aws:sts::111122223333:assumed-role/ticketsmith/pod is not authorized to perform: kms:GenerateDataKey")));

        S3Exception failure = assertThrows(S3Exception.class, () -> store(1_024).write("shop.dump", new ByteArrayInputStream(bytes(100))));

        assertEquals(403, failure.statusCode());
        assertEquals("AccessDenied", failure.awsErrorDetails().errorCode());
        s3.verify(1, putRequestedFor(urlPathEqualTo(OBJECT)));
        s3.verify(0, postRequestedFor(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)));
        s3.verify(1, deleteRequestedFor(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)));
    }

    @Test
    void aSourceThatBreaksMidwayAbortsTheUploadAndKeepsItsError() {
        stubMultipartUpload();
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(bytes(1_500)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("pg_dump: error: connection to server lost");
            }
        });

        IOException failure = assertThrows(IOException.class, () -> store(1_024).write("shop.dump", broken));

        assertEquals("pg_dump: error: connection to server lost", failure.getMessage());
        s3.verify(1, putRequestedFor(urlPathEqualTo(OBJECT)));
        s3.verify(1, deleteRequestedFor(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)));
    }

    @Test
    void listingFollowsContinuationTokensAndKeepsOnlyNamesDirectlyUnderThePrefix() throws IOException {
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("list-type", equalTo("2")).withQueryParam("prefix", equalTo("pg/"))
                .withQueryParam("continuation-token", absent()).willReturn(xml(200, listing(true, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
                        "pg/shop-20260301T020000Z.json", "pg/shop-20260301T020000Z.dump", "pg/2025/shop-20250101T020000Z.json"))));
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("continuation-token", equalTo("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="))
                .willReturn(xml(200, listing(false, null, "pg/billing-20260301T020000Z.json", "pg/notes.txt"))));

        List<String> names = store(1_024).list(".json");

        assertEquals(List.of("billing-20260301T020000Z.json", "shop-20260301T020000Z.json"), names);
        assertEquals(2, s3.findAll(getRequestedFor(urlPathEqualTo("/" + BUCKET))).size());
    }

    @Test
    void openStreamsTheObject() throws IOException {
        byte[] data = bytes(3_000);
        s3.stubFor(get(urlEqualTo(OBJECT)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "binary/octet-stream")
                .withHeader("x-amz-server-side-encryption", "aws:kms").withHeader("x-amz-checksum-crc32", S3Store.crc32(data))
                .withBody(data)));

        try (InputStream in = store(1_024).open("shop.dump")) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void deleteRemovesTheObject() throws IOException {
        s3.stubFor(delete(urlEqualTo(OBJECT)).willReturn(aResponse().withStatus(204)));

        store(1_024).delete("shop.dump");

        s3.verify(1, deleteRequestedFor(urlEqualTo(OBJECT)));
        assertEquals("s3://acme-backups/pg/shop.dump", store(1_024).uri("shop.dump"));
    }

    @Test
    void productionPartsAreEightMebibytes() {
        assertEquals(8 * 1024 * 1024, S3Store.PART);
    }

    // ---- the fake S3

    /** Initiate, every part (ETag {@code "etag-N"}), complete and abort succeed. */
    private static void stubMultipartUpload() {
        s3.stubFor(post(urlEqualTo(OBJECT + "?uploads")).willReturn(xml(200,
                "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>" + BUCKET + "</Bucket><Key>" + KEY
                        + "</Key><UploadId>" + UPLOAD + "</UploadId></InitiateMultipartUploadResult>")));
        for (int n = 1; n <= 10; n++) {
            s3.stubFor(put(urlPathEqualTo(OBJECT)).withQueryParam("uploadId", equalTo(UPLOAD)).withQueryParam("partNumber", equalTo("" + n))
                    .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"etag-" + n + "\"")
                            .withHeader("x-amz-server-side-encryption", "aws:kms")));
        }
        s3.stubFor(post(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)).willReturn(xml(200,
                "<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Location>http://" + BUCKET
                        + ".s3.amazonaws.com/" + KEY + "</Location><Bucket>" + BUCKET + "</Bucket><Key>" + KEY
                        + "</Key><ETag>\"3858f62230ac3c915f300c664312c11f-3\"</ETag></CompleteMultipartUploadResult>")));
        s3.stubFor(delete(urlEqualTo(OBJECT + "?uploadId=" + UPLOAD)).willReturn(aResponse().withStatus(204)));
    }

    private static String listing(boolean truncated, String next, String... keys) {
        StringBuilder xml = new StringBuilder("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
                + "</Name><Prefix>pg/</Prefix><KeyCount>" + keys.length + "</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>" + truncated
                + "</IsTruncated>");
        if (next != null) {
            xml.append("<NextContinuationToken>").append(next).append("</NextContinuationToken>");
        }
        for (String key : keys) {
            xml.append("<Contents><Key>").append(key).append("</Key><LastModified>2026-03-01T02:04:11.000Z</LastModified>")
                    .append("<ETag>\"9b2cf535f27731c974343645a3985328\"</ETag><Size>4096</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return xml(status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>sample-host-id</HostId></Error>");
    }

    // ---- reading what the SDK sent

    private static LoggedRequest only(RequestMethod method, String url) {
        List<LoggedRequest> found = s3.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().equals(method) && r.getUrl().equals(url)).toList();
        assertEquals(1, found.size(), method + " " + url);
        return found.get(0);
    }

    /** The UploadPart requests in part order. */
    private static List<LoggedRequest> parts() {
        List<LoggedRequest> parts = new ArrayList<>(s3.findAll(putRequestedFor(urlPathEqualTo(OBJECT))));
        parts.sort(Comparator.comparingInt(r -> Integer.parseInt(r.queryParameter("partNumber").firstValue())));
        return parts;
    }

    /** Each {@code <Part>} of a CompleteMultipartUpload body, in document order: {@code number etag crc32}. */
    private static List<String> completedParts(LoggedRequest complete) {
        try {
            NodeList parts = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body(complete)))
                    .getDocumentElement().getElementsByTagName("Part");
            List<String> found = new ArrayList<>();
            for (int i = 0; i < parts.getLength(); i++) {
                Element part = (Element) parts.item(i);
                found.add(text(part, "PartNumber") + " " + text(part, "ETag") + " " + text(part, "ChecksumCRC32"));
            }
            return found;
        } catch (Exception e) {
            throw new AssertionError("CompleteMultipartUpload body is not XML: " + complete.getBodyAsString(), e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** A request body with any {@code aws-chunked} framing (chunk signatures, trailers) removed. */
    static byte[] body(LoggedRequest request) {
        byte[] raw = request.getBody();
        String encoding = request.containsHeader("Content-Encoding") ? request.getHeader("Content-Encoding") : "";
        if (!encoding.contains("aws-chunked")) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOfCrlf(raw, pos);
            String header = new String(raw, pos, eol - pos, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            pos = eol + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(raw, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("aws-chunked body without a chunk header at " + from);
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    private static String crc(byte[] data, int from, int to) {
        return S3Store.crc32(Arrays.copyOfRange(data, from, to));
    }

    private static String hex(byte[] data) {
        MessageDigest digest = Sha256.digest();
        digest.update(data);
        return Sha256.hex(digest);
    }
}
