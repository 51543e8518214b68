package dev.ticketsmith.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A local Elastic Load Balancing v2 endpoint (AWS query protocol: form POSTs to {@code /} with an
 * {@code Action}, XML answers) that the AWS SDK is pointed at. Tests describe the load balancer
 * with {@link #targetGroups}, {@link #rules} and {@link #targetHealth}.
 */
public class FakeElbv2 implements QuarkusTestResourceLifecycleManager {

    public static final String LOAD_BALANCER = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/k8s-shop/50dc6c495c0c9188";
    public static final String LISTENER = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/k8s-shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        stub("DescribeListeners", "<DescribeListenersResult><Listeners><member><ListenerArn>" + LISTENER + "</ListenerArn><LoadBalancerArn>"
                + LOAD_BALANCER + "</LoadBalancerArn><Port>443</Port><Protocol>HTTPS</Protocol></member></Listeners></DescribeListenersResult>");
        return Map.of("ticketsmith.aws.alb-readback", "true", "ticketsmith.aws.region", "us-east-1", "ticketsmith.aws.endpoint", "http://127.0.0.1:" + server.port(),
                "ticketsmith.aws.alb-apply-timeout", "5s");
    }

    @Override
    public void stop() {
        server.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** Both target groups belong to the one load balancer. */
    public static void targetGroups(String... arns) {
        StringBuilder members = new StringBuilder();
        for (String arn : arns) {
            members.append("<member><TargetGroupArn>").append(arn).append("</TargetGroupArn><LoadBalancerArns><member>")
                    .append(LOAD_BALANCER).append("</member></LoadBalancerArns></member>");
        }
        stub("DescribeTargetGroups", "<DescribeTargetGroupsResult><TargetGroups>" + members + "</TargetGroups></DescribeTargetGroupsResult>");
    }

    /** The listener's rules: the default 404 and one weighted forward between the two groups. */
    public static void rules(String stable, int stableWeight, String canary, int canaryWeight) {
        stub("DescribeRules", "<DescribeRulesResult><Rules>"
                + "<member><RuleArn>" + LISTENER.replace(":listener/", ":listener-rule/") + "/1</RuleArn><Priority>1</Priority>"
                + "<IsDefault>false</IsDefault><Actions><member><Type>forward</Type><Order>1</Order><ForwardConfig><TargetGroups>"
                + "<member><TargetGroupArn>" + stable + "</TargetGroupArn><Weight>" + stableWeight + "</Weight></member>"
                + "<member><TargetGroupArn>" + canary + "</TargetGroupArn><Weight>" + canaryWeight + "</Weight></member>"
                + "</TargetGroups></ForwardConfig></member></Actions></member>"
                + "<member><RuleArn>" + LISTENER.replace(":listener/", ":listener-rule/") + "/default</RuleArn><Priority>default</Priority>"
                + "<IsDefault>true</IsDefault><Actions><member><Type>fixed-response</Type><Order>1</Order><FixedResponseConfig>"
                + "<StatusCode>404</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig></member></Actions></member>"
                + "</Rules></DescribeRulesResult>");
    }

    /** The targets of a group, each {@code id=state[:reason]}. */
    public static void targetHealth(String... targets) {
        StringBuilder members = new StringBuilder();
        for (String target : targets) {
            String[] idState = target.split("=", 2);
            String[] stateReason = idState[1].split(":", 2);
            members.append("<member><Target><Id>").append(idState[0]).append("</Id><Port>8080</Port></Target><TargetHealth><State>")
                    .append(stateReason[0]).append("</State>")
                    .append(stateReason.length > 1 ? "<Reason>" + stateReason[1] + "</Reason>" : "")
                    .append("</TargetHealth></member>");
        }
        stub("DescribeTargetHealth", "<DescribeTargetHealthResult><TargetHealthDescriptions>" + members
                + "</TargetHealthDescriptions></DescribeTargetHealthResult>");
    }

    /** How many calls of an action the endpoint received. */
    public static int calls(String action) {
        return (int) server.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains("Action=" + action)).count();
    }

    private static void stub(String action, String result) {
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("<" + action + "Response xmlns=\"" + NS + "\">" + result
                        + "<ResponseMetadata><RequestId>8f0a1c2e-0000-4000-8000-000000000001</RequestId></ResponseMetadata></"
                        + action + "Response>")));
    }
}
