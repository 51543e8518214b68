package dev.ticketsmith.registry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECR image digests through the ECR API (AWS JSON 1.1 protocol) against a local endpoint. */
class EcrDigestsTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static WireMockServer ecr;

    @BeforeAll
    static void start() {
        ecr = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        ecr.start();
    }

    @AfterAll
    static void stop() {
        ecr.stop();
    }

    @BeforeEach
    void reset() {
        ecr.resetAll();
    }

    private EcrDigests digests() {
        return new EcrDigests(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-key-example")),
                Optional.of(URI.create("http://127.0.0.1:" + ecr.port())), Duration.ofSeconds(2));
    }

    @Test
    void aTagInEcrResolvesThroughDescribeImages() {
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", containing("DescribeImages"))
                .withRequestBody(equalToJson("{\"registryId\":\"123456789012\",\"repositoryName\":\"shop/checkout\","
                        + "\"imageIds\":[{\"imageTag\":\"1.4.2\"}]}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"imageDetails\":[{\"registryId\":\"123456789012\",\"repositoryName\":\"shop/checkout\","
                                + "\"imageDigest\":\"" + DIGEST + "\",\"imageTags\":[\"1.4.2\"]}]}")));
        String image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:1.4.2";
        RegistryDigests registry = RegistryDigests.create(RegistrySettings.defaults(), Optional.of(digests()));

        Resolution.Resolved resolved = assertInstanceOf(Resolution.Resolved.class, registry.resolve(image));

        assertEquals(DIGEST, resolved.digest());
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout@" + DIGEST, resolved.pinned());
        ecr.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("/eu-west-1/ecr/aws4_request")));
    }

    @Test
    void aMissingTagOrRepositoryIsSaidPlainly() {
        ecr.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ImageNotFoundException\",\"message\":\"The image with imageId {imageTag:'9.9.9'} does not exist\"}")));
        var missing = assertInstanceOf(Resolution.Unresolved.class, digests().resolve(
                ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:9.9.9")));
        assertEquals("ECR has no image tagged `9.9.9` in shop/checkout", missing.reason());

        ecr.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform: ecr:DescribeImages\"}")));
        var denied = assertInstanceOf(Resolution.Unresolved.class, digests().resolve(
                ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout:1.0")));
        assertTrue(denied.reason().contains("needs ecr:DescribeImages"), denied.reason());
        assertFalse(denied.reason().contains("secret-key-example"));
    }

    @Test
    void onlyEcrHostsAreEcr() {
        assertTrue(EcrDigests.isEcr(ImageReference.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")));
        assertTrue(EcrDigests.isEcr(ImageReference.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1")));
        assertFalse(EcrDigests.isEcr(ImageReference.parse("ghcr.io/acme/app:1")));
        assertFalse(EcrDigests.isEcr(ImageReference.parse("public.ecr.aws/acme/app:1")));
    }
}
