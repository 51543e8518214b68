package dev.ticketsmith.rds;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ticketsmith.testing.LocalAws;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ticketsmith.aws.AwsClients;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A local AWS for plain JUnit tests: RDS and EC2 (query protocol, form POSTs to {@code /} told apart
 * by {@code Action}) and KMS (JSON 1.1, told apart by {@code X-Amz-Target}), with {@link AwsClients}
 * pointed at it. Responses are built with {@link #rdsOk}, {@link #rdsError} and friends.
 */
final class FakeAws implements AutoCloseable {

    static final String RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    final WireMockServer server;
    final AwsClients clients;

    private final LocalAws local;

    FakeAws() {
        local = LocalAws.start();
        server = local.server();
        clients = local.clients();
    }

    @Override
    public void close() {
        local.close(); // puts the AWS keys back: a Quarkus app of another test class may still be running on them
    }

    /** Answers every request of {@code action} (whose form fields match {@code fields}, name=value pairs) with {@code response}. */
    void on(String action, ResponseDefinitionBuilder response, String... fields) {
        server.stubFor(matching(action, fields).willReturn(response));
    }

    /** Answers successive requests of {@code action} with {@code responses} in turn, the last one from then on. */
    void onSuccessive(String action, List<ResponseDefinitionBuilder> responses, String... fields) {
        String scenario = action + String.join(",", fields);
        for (int i = 0; i < responses.size(); i++) {
            ScenarioMappingBuilder stub = matching(action, fields).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call " + i).willReturn(responses.get(i));
            server.stubFor(i < responses.size() - 1 ? stub.willSetStateTo("call " + (i + 1)) : stub);
        }
    }

    /** KMS DescribeKey answers with this key state. */
    void kmsKey(String keyId, String state) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.DescribeKey"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"KeyMetadata\":{\"KeyId\":\"" + keyId + "\",\"Arn\":\"arn:aws:kms:us-east-1:111122223333:key/"
                                + keyId + "\",\"KeyState\":\"" + state + "\",\"Enabled\":" + "Enabled".equals(state) + "}}")));
    }

    /** KMS DescribeKey fails with a JSON error. */
    void kmsError(int status, String type, String message) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.DescribeKey"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")));
    }

    /** The requests of {@code action} received so far, as their form fields. */
    List<Map<String, String>> requests(String action) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo(action))).stream()
                .map(FakeAws::form).toList();
    }

    static ResponseDefinitionBuilder rdsOk(String action, String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("<" + action + "Response xmlns=\"" + RDS_NS
                + "\"><" + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>"
                + "8f0a1c2e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder rdsError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\"" + RDS_NS
                + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>8f0a1c2e-0000-4000-8000-000000000002</RequestId></ErrorResponse>");
    }

    static ResponseDefinitionBuilder ec2Ok(String action, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody("<" + action
                + "Response xmlns=\"" + EC2_NS + "\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + body
                + "</" + action + "Response>");
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody("<Response><Errors><Error><Code>"
                + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE"
                + "</RequestID></Response>");
    }

    static ResponseDefinitionBuilder serviceUnavailable() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>");
    }

    private static MappingBuilder matching(String action, String... fields) {
        MappingBuilder stub = post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
        for (String field : fields) {
            String[] nameValue = field.split("=", 2);
            stub = stub.withFormParam(nameValue[0], equalTo(nameValue[1]));
        }
        return stub;
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new TreeMap<>();
        request.formParameters().forEach((name, value) -> form.put(name, value.firstValue()));
        return form;
    }
}
