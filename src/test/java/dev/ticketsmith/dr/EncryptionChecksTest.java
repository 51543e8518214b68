package dev.ticketsmith.dr;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.ticketsmith.aws.AwsClients;
import dev.ticketsmith.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EncryptionChecks} against one local endpoint that plays KMS (JSON 1.1: {@code POST /} told
 * apart by {@code X-Amz-Target} and the {@code KeyId} in the body) and S3 (path-style
 * {@code GET /bucket?encryption}, XML).
 */
class EncryptionChecksTest {

    private static final String BUCKET = "acme-backups";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + KEY_ID;
    private static final String ALIAS = "alias/backups";
    private static final String OTHER_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    private static final String OTHER_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + OTHER_ID;
    private static final String S3_KEY_ID = "5e7f9a1c-3b2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String S3_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + S3_KEY_ID;

    private static LocalAws aws;
    private static WireMockServer endpoint;
    private static AwsClients clients;

    @BeforeAll
    static void start() {
        aws = LocalAws.start();
        endpoint = aws.server();
        clients = aws.clients();
    }

    @AfterAll
    static void stop() {
        clients.s3().close();
        clients.kms().close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        endpoint.resetAll();
    }

    private static EncryptionChecks checks() {
        return new EncryptionChecks(clients);
    }

    // ---- the key

    @Test
    void aCustomerKeyNamedByAliasIsEnabledAndRotatesAskedByItsArn() {
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        rotation(KEY_ARN, true);

        KeyCheck check = checks().key(ALIAS);

        assertEquals(Status.OK, check.status());
        assertEquals("key alias/backups (" + KEY_ARN + "): enabled, customer managed, rotation on (every 365 days)", check.detail());
        assertEquals(Optional.of(KEY_ARN), check.keyArn());
        endpoint.verify(1, kmsCall("GetKeyRotationStatus").withRequestBody(matchingJsonPath("$.KeyId", equalTo(KEY_ARN))));
    }

    @Test
    void aDisabledKeyFailsWithoutAskingAboutRotation() {
        describeKey(KEY_ARN, KEY_ID, "CUSTOMER", "Disabled");

        KeyCheck check = checks().key(KEY_ARN);

        assertEquals(Status.FAILED, check.status());
        assertEquals("key " + KEY_ARN + ": disabled: KMS refuses to encrypt or decrypt with it", check.detail());
        endpoint.verify(0, kmsCall("GetKeyRotationStatus"));
    }

    @Test
    void aKeyPendingDeletionSaysWhen() {
        kms("DescribeKey", ALIAS, ok("{\"KeyMetadata\":" + metadata(KEY_ID, "CUSTOMER", "PendingDeletion")
                .replace("\"Enabled\":false", "\"Enabled\":false,\"DeletionDate\":1.7781408E9") + "}"));

        KeyCheck check = checks().key(ALIAS);

        assertEquals(Status.FAILED, check.status());
        assertEquals("key alias/backups (" + KEY_ARN + "): pending deletion on 2026-05-07: KMS refuses to encrypt or decrypt with it",
                check.detail());
    }

    @Test
    void aCustomerKeyWithoutRotationFails() {
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        rotation(KEY_ARN, false);

        KeyCheck check = checks().key(ALIAS);

        assertEquals(Status.FAILED, check.status());
        assertEquals("key alias/backups (" + KEY_ARN + "): enabled, customer managed, rotation off (turn on automatic key rotation)",
                check.detail());
    }

    @Test
    void anAwsManagedKeyRotatesByItself() {
        describeKey("alias/aws/s3", S3_KEY_ID, "AWS", "Enabled");

        KeyCheck check = checks().key("alias/aws/s3");

        assertEquals(Status.OK, check.status());
        assertEquals("key alias/aws/s3 (" + S3_KEY_ARN + "): enabled, AWS managed, rotated by AWS every year", check.detail());
        endpoint.verify(0, kmsCall("GetKeyRotationStatus"));
    }

    @Test
    void aKeyWeMayNotDescribeIsUnknown() {
        kms("DescribeKey", ALIAS, denied("DescribeKey", "alias/backups"));

        KeyCheck check = checks().key(ALIAS);

        assertEquals(Status.UNKNOWN, check.status());
        assertEquals("key alias/backups: could not check: access denied to kms:DescribeKey", check.detail());
        assertEquals(Optional.empty(), check.keyArn());
    }

    @Test
    void aRotationStatusWeMayNotReadIsUnknown() {
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        kms("GetKeyRotationStatus", KEY_ARN, denied("GetKeyRotationStatus", KEY_ARN));

        KeyCheck check = checks().key(ALIAS);

        assertEquals(Status.UNKNOWN, check.status());
        assertEquals("key alias/backups (" + KEY_ARN + "): enabled, customer managed, rotation could not be checked: "
                + "access denied to kms:GetKeyRotationStatus", check.detail());
    }

    @Test
    void aKeyKmsDoesNotKnowFails() {
        kms("DescribeKey", "alias/bakups", kmsError("NotFoundException", "Alias arn:aws:kms:us-east-1:111122223333:alias/bakups is not found."));

        KeyCheck check = checks().key("alias/bakups");

        assertEquals(Status.FAILED, check.status());
        assertEquals("key alias/bakups: not found in KMS", check.detail());
    }

    // ---- the bucket

    @Test
    void aBucketWithTheConfiguredKeyByArnMatchesTheConfiguredAlias() {
        bucketEncryption("aws:kms", KEY_ARN);
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        describeKey(KEY_ARN, KEY_ID, "CUSTOMER", "Enabled");

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.OK, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with " + KEY_ARN + " (the configured key)", check.detail());
    }

    @Test
    void aBucketWithTheConfiguredKeyByAliasMatchesTheConfiguredKeyId() {
        bucketEncryption("aws:kms", ALIAS);
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        describeKey(KEY_ID, KEY_ID, "CUSTOMER", "Enabled");

        BucketCheck check = checks().bucket(BUCKET, Optional.of(KEY_ID));

        assertEquals(Status.OK, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with alias/backups (" + KEY_ARN + ") (the configured key)", check.detail());
    }

    @Test
    void aKeyIdAndItsArnMatchWithoutAskingKms() {
        bucketEncryption("aws:kms", KEY_ARN);

        BucketCheck check = checks().bucket(BUCKET, Optional.of(KEY_ID));

        assertEquals(Status.OK, check.status());
        endpoint.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void dualLayerKmsCounts() {
        bucketEncryption("aws:kms:dsse", KEY_ARN);

        BucketCheck check = checks().bucket(BUCKET, Optional.of(KEY_ARN));

        assertEquals(Status.OK, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms:dsse with " + KEY_ARN + " (the configured key)", check.detail());
    }

    @Test
    void kmsWithoutAKeyIsTheAwsManagedKeyAndFineWhenNoneIsConfigured() {
        bucketEncryption("aws:kms", null);

        BucketCheck check = checks().bucket(BUCKET, Optional.empty());

        assertEquals(Status.OK, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with the AWS managed key aws/s3", check.detail());
    }

    @Test
    void sseS3IsNotKms() {
        bucketEncryption("AES256", null);

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.FAILED, check.status());
        assertEquals("bucket acme-backups: default encryption AES256 (SSE-S3, keys held by S3), not KMS", check.detail());
    }

    @Test
    void anotherKeyFailsNamingBoth() {
        bucketEncryption("aws:kms", OTHER_ARN);
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        describeKey(OTHER_ARN, OTHER_ID, "CUSTOMER", "Enabled");

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.FAILED, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with " + OTHER_ARN + ", not the configured key alias/backups ("
                + KEY_ARN + ")", check.detail());
    }

    @Test
    void theAwsManagedKeyIsNotTheConfiguredOne() {
        bucketEncryption("aws:kms", null);
        describeKey(ALIAS, KEY_ID, "CUSTOMER", "Enabled");
        describeKey("alias/aws/s3", S3_KEY_ID, "AWS", "Enabled");

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.FAILED, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with alias/aws/s3 (" + S3_KEY_ARN + "), not the configured key "
                + "alias/backups (" + KEY_ARN + ")", check.detail());
    }

    @Test
    void noDefaultEncryptionFails() {
        endpoint.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("encryption", equalTo("")).willReturn(s3Error(404,
                "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found")));

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.FAILED, check.status());
        assertEquals("bucket acme-backups: no default encryption", check.detail());
    }

    @Test
    void aBucketWeMayNotReadIsUnknown() {
        endpoint.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("encryption", equalTo(""))
                .willReturn(s3Error(403, "AccessDenied", "Access Denied")));

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.UNKNOWN, check.status());
        assertEquals("bucket acme-backups: could not check: access denied to s3:GetEncryptionConfiguration", check.detail());
    }

    @Test
    void aKeyWeMayNotDescribeLeavesTheComparisonUnknown() {
        bucketEncryption("aws:kms", KEY_ARN);
        kms("DescribeKey", ALIAS, denied("DescribeKey", ALIAS));
        describeKey(KEY_ARN, KEY_ID, "CUSTOMER", "Enabled");

        BucketCheck check = checks().bucket(BUCKET, Optional.of(ALIAS));

        assertEquals(Status.UNKNOWN, check.status());
        assertEquals("bucket acme-backups: default encryption aws:kms with " + KEY_ARN + ", not compared with the configured key alias/backups: "
                + "access denied to kms:DescribeKey", check.detail());
    }

    @Test
    void detailsAreOneLineAndCarryNoAwsMessages() {
        kms("DescribeKey", ALIAS, denied("DescribeKey", ALIAS));

        String detail = checks().key(ALIAS).detail();

        assertFalse(detail.contains("\n"));
        assertFalse(detail.contains("assumed-role"), detail);
        assertTrue(EncryptionChecks.sameLiterally(KEY_ARN, KEY_ID));
        assertFalse(EncryptionChecks.sameLiterally(KEY_ARN, OTHER_ID));
        assertFalse(EncryptionChecks.sameLiterally("arn:aws:kms:us-east-1:111122223333:alias/backups", ALIAS), "aliases go through KMS");
    }

    // ---- the fake KMS and S3

    private static void describeKey(String asked, String keyId, String manager, String state) {
        kms("DescribeKey", asked, ok("{\"KeyMetadata\":" + metadata(keyId, manager, state) + "}"));
    }

    private static String metadata(String keyId, String manager, String state) {
        return "{\"AWSAccountId\":\"111122223333\",\"Arn\":\"arn:aws:kms:us-east-1:111122223333:key/" + keyId + "\","
                + "\"CreationDate\":1.7040672E9,\"Description\":\"pg_dump archives\",\"Enabled\":" + "Enabled".equals(state) + ","
                + "\"KeyId\":\"" + keyId + "\",\"KeyManager\":\"" + manager + "\",\"KeyState\":\"" + state + "\",\"KeyUsage\":\"ENCRYPT_DECRYPT\","
                + "\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"CustomerMasterKeySpec\":\"SYMMETRIC_DEFAULT\",\"EncryptionAlgorithms\":[\"SYMMETRIC_DEFAULT\"],"
                + "\"MultiRegion\":false,\"Origin\":\"AWS_KMS\"}";
    }

    private static void rotation(String keyArn, boolean enabled) {
        kms("GetKeyRotationStatus", keyArn, ok("{\"KeyRotationEnabled\":" + enabled + ",\"KeyId\":\"" + keyArn + "\""
                + (enabled ? ",\"RotationPeriodInDays\":365,\"NextRotationDate\":1.7988768E9" : "") + "}"));
    }

    private static void kms(String operation, String keyId, ResponseDefinitionBuilder response) {
        endpoint.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + operation))
                .withRequestBody(matchingJsonPath("$.KeyId", equalTo(keyId))).willReturn(response));
    }

    private static RequestPatternBuilder kmsCall(String operation) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService." + operation));
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    private static ResponseDefinitionBuilder kmsError(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private static ResponseDefinitionBuilder denied(String operation, String resource) {
        return kmsError("AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/ticketsmith/pod-7f9c is not authorized to "
                + "perform: kms:" + operation + " on resource: " + resource + " because no identity-based policy allows the kms:"
                + operation + " action");
    }

    private static void bucketEncryption(String algorithm, String key) {
        endpoint.stubFor(get(urlPathEqualTo("/" + BUCKET)).withQueryParam("encryption", equalTo("")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody("<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>" + algorithm + "</SSEAlgorithm>"
                        + (key == null ? "" : "<KMSMasterKeyID>" + key + "</KMSMasterKeyID>")
                        + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>" + (key != null) + "</BucketKeyEnabled></Rule>"
                        + "</ServerSideEncryptionConfiguration>")));
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Error><Code>" + code + "</Code><Message>" + message + "</Message><BucketName>" + BUCKET + "</BucketName>"
                + "<RequestId>0B2D7A1C9E3F4A5B</RequestId><HostId>sample-host-id</HostId></Error>");
    }
}
