package dev.ticketsmith.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.CatalogLoader;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.EnvironmentSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.ticketsmith.deploy.Rendered.at;
import static dev.ticketsmith.deploy.Rendered.list;
import static dev.ticketsmith.deploy.Rendered.map;
import static dev.ticketsmith.deploy.Rendered.maps;
import static dev.ticketsmith.deploy.Rendered.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders {@code deploy/overlays/staging} and {@code production} with {@code kubectl kustomize}
 * and checks what an SRE relies on: a Deployment that passes Pod Security "restricted" and rolls
 * without dropping Slack, an ALB Ingress that exposes only {@code /slack/events} and {@code /api},
 * autoscaling and disruption limits, secrets only from External Secrets, a catalogue the
 * application accepts, RBAC that matches what the code calls and what the catalogue names, and an
 * IAM policy that matches the AWS calls in the code.
 */
class DeployManifestsTest {

    private static final String NS = "ticketsmith";
    private static final Path SOURCES = Path.of("src/main/java/dev/ticketsmith");

    // ---------------------------------------------------------------- the Deployment

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void deploymentRunsTwoRestrictedReplicasWithProbes(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Object> d = r.one("Deployment", NS);
        assertEquals(NS, str(d, "metadata.namespace"));
        assertEquals(2, at(d, "spec.replicas"), "two replicas");
        assertEquals(0, at(d, "spec.strategy.rollingUpdate.maxUnavailable"), "a rollout never drops below the replicas wanted");
        Map<String, Object> pod = map(d, "spec.template.spec");
        Map<String, Object> c = container(d);

        assertEquals("/q/health/started", str(c, "startupProbe.httpGet.path"));
        assertEquals("/q/health/live", str(c, "livenessProbe.httpGet.path"));
        assertEquals("/q/health/ready", str(c, "readinessProbe.httpGet.path"));
        for (String resource : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
            assertNotNull(at(c, "resources." + resource), "resources." + resource);
        }
        assertEquals(str(c, "resources.requests.memory"), str(c, "resources.limits.memory"), "memory is not overcommitted");

        // Pod Security Standards, "restricted"
        assertEquals(true, at(pod, "securityContext.runAsNonRoot"));
        assertEquals("RuntimeDefault", str(pod, "securityContext.seccompProfile.type"));
        assertEquals(false, at(c, "securityContext.allowPrivilegeEscalation"));
        assertEquals(true, at(c, "securityContext.readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), list(c, "securityContext.capabilities.drop"));
        assertTrue(list(c, "securityContext.capabilities.add").isEmpty(), "no capability added");
        assertNull(at(c, "securityContext.privileged"));
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertNull(pod.get(host), host);
        }
        Set<String> allowedVolumes = Set.of("configMap", "emptyDir", "secret", "projected", "downwardAPI", "persistentVolumeClaim", "ephemeral", "csi");
        for (Map<String, Object> v : maps(pod, "volumes")) {
            assertTrue(v.keySet().stream().filter(k -> !k.equals("name")).allMatch(allowedVolumes::contains), "volume type allowed: " + v);
        }
        for (Map<String, Object> port : maps(c, "ports")) {
            assertNull(port.get("hostPort"), "no host port");
        }
        assertEquals("restricted", labels(r.one("Namespace", NS)).get("pod-security.kubernetes.io/enforce"), "Pod Security Admission enforces it");

        // /tmp is the one writable place, on an emptyDir
        Map<String, Object> tmp = maps(c, "volumeMounts").stream().filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp mount"));
        Map<String, Object> tmpVolume = maps(pod, "volumes").stream().filter(v -> tmp.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        assertTrue(tmpVolume.containsKey("emptyDir"), "/tmp is an emptyDir");

        assertFalse(list(pod, "topologySpreadConstraints").isEmpty() && at(pod, "affinity.podAntiAffinity") == null,
                "replicas spread over nodes and zones");
        assertEquals(NS, str(pod, "serviceAccountName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void podsStopOnlyAfterTheAlbHasDrainedThem(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Object> d = r.one("Deployment", NS);
        List<Object> preStop = list(container(d), "lifecycle.preStop.exec.command");
        assertEquals("sleep", preStop.isEmpty() ? null : preStop.get(0), "a preStop pause");
        int pause = Integer.parseInt(String.valueOf(preStop.get(1)));
        int grace = ((Number) at(d, "spec.template.spec.terminationGracePeriodSeconds")).intValue();
        assertTrue(grace > pause + 15, "terminationGracePeriodSeconds " + grace + " leaves time after the " + pause + " s pause");
        String attributes = annotations(r.one("Ingress", NS)).get("alb.ingress.kubernetes.io/target-group-attributes");
        assertNotNull(attributes, "deregistration delay set");
        int delay = Integer.parseInt(attributes.replaceAll(".*deregistration_delay\\.timeout_seconds=(\\d+).*", "$1"));
        assertTrue(delay < pause, "the ALB stops sending (" + delay + " s) before the pause ends (" + pause + " s)");
    }

    @Test
    void productionRunsAnImageByDigestAndStagingARegistryImage() throws Exception {
        String production = str(container(Rendered.overlay("production").one("Deployment", NS)), "image");
        assertTrue(production.matches("[a-z0-9.-]+(:\\d+)?/[a-z0-9./_-]+@sha256:[0-9a-f]{64}"), "production image by digest: " + production);
        String staging = str(container(Rendered.overlay("staging").one("Deployment", NS)), "image");
        assertTrue(staging.contains("/") && !staging.endsWith(":latest"), "staging names a registry image: " + staging);
    }

    // ---------------------------------------------------------------- secrets

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void secretsComeOnlyFromExternalSecrets(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        assertTrue(r.ofKind("Secret").isEmpty(), "no Secret with values in deploy/");
        Map<String, Set<String>> provided = new HashMap<>();
        for (Map<String, Object> es : r.ofKind("ExternalSecret")) {
            assertEquals("external-secrets.io/v1", es.get("apiVersion"));
            assertNotNull(str(es, "spec.secretStoreRef.name"), "a SecretStore or ClusterSecretStore");
            assertTrue(Set.of("SecretStore", "ClusterSecretStore").contains(str(es, "spec.secretStoreRef.kind")));
            Set<String> keys = provided.computeIfAbsent(str(es, "spec.target.name"), k -> new TreeSet<>());
            for (Map<String, Object> data : maps(es, "spec.data")) {
                keys.add(String.valueOf(data.get("secretKey")));
                assertNotNull(str(data, "remoteRef.key"));
            }
        }
        Map<String, Object> c = container(r.one("Deployment", NS));
        assertTrue(list(c, "envFrom").isEmpty(), "every variable named, none taken wholesale from a Secret");
        Set<String> secretLike = new TreeSet<>();
        for (Map<String, Object> env : maps(c, "env")) {
            String name = String.valueOf(env.get("name"));
            boolean secret = name.matches(".*(TOKEN|SECRET|PASSWORD|USERNAME|JDBC_URL).*");
            Map<String, Object> ref = map(env, "valueFrom.secretKeyRef");
            if (secret) {
                secretLike.add(name);
                assertNull(env.get("value"), name + " has an inline value");
                assertFalse(ref.isEmpty(), name + " comes from a secretKeyRef");
            }
            if (!ref.isEmpty() && !Boolean.TRUE.equals(ref.get("optional"))) {
                assertTrue(provided.getOrDefault(String.valueOf(ref.get("name")), Set.of()).contains(String.valueOf(ref.get("key"))),
                        name + ": no ExternalSecret provides " + ref.get("name") + "/" + ref.get("key"));
            }
        }
        assertTrue(secretLike.containsAll(Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")), "the production profile's required secrets: " + secretLike);
        if (overlay.equals("staging")) {
            assertTrue(provided.getOrDefault("ticketsmith-socket-mode", Set.of()).contains("SLACK_APP_TOKEN"), "socket-mode component");
        }
    }

    // ---------------------------------------------------------------- the catalogue

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theCatalogueConfigMapIsOneTheApplicationAccepts(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        Catalog catalog = catalogue(r);
        assertFalse(catalog.environments().isEmpty());
        Map<String, Object> d = r.one("Deployment", NS);
        Map<String, Object> c = container(d);
        assertEquals("/config/catalog.yaml", env(c).get("TICKETSMITH_CATALOG"));
        assertTrue(maps(c, "volumeMounts").stream().anyMatch(m -> "/config".equals(m.get("mountPath"))));
        // Every API client's token reaches the container from the Secret, or the prod profile refuses to start.
        Map<String, Map<String, Object>> refs = secretRefs(c);
        catalog.apiClients().values().forEach(client -> client.tokenEnv().ifPresent(variable -> {
            assertTrue(refs.containsKey(variable), "apiClients." + client.name() + ".tokenEnv " + variable + " is not set from a Secret");
            assertFalse(Boolean.TRUE.equals(refs.get(variable).get("optional")), variable + " must not be optional");
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyCatalogueNamespaceHasItsRbacAndNothingElseHasAny(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        Catalog catalog = catalogue(r);
        Set<String> namespaces = catalog.environments().values().stream().map(EnvironmentSpec::namespace).collect(Collectors.toCollection(TreeSet::new));
        Set<String> bound = new TreeSet<>();
        for (Map<String, Object> rb : r.ofKind("RoleBinding")) {
            String ns = str(rb, "metadata.namespace");
            assertTrue(namespaces.contains(ns), "a RoleBinding in " + ns + ", which is no environment's namespace");
            assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", NS, "namespace", NS)), list(rb, "subjects"));
            if ("ClusterRole".equals(str(rb, "roleRef.kind")) && "ticketsmith-release".equals(str(rb, "roleRef.name"))) {
                bound.add(ns);
            }
        }
        assertEquals(namespaces, bound, "ticketsmith-release bound in every environment's namespace");
        for (Map<String, Object> role : r.ofKind("Role")) {
            assertTrue(namespaces.contains(str(role, "metadata.namespace")), "a Role outside the catalogue's namespaces: " + role);
        }
        // Secrets: exactly those the catalogue names, with exactly the verbs the code needs.
        for (String ns : namespaces) {
            Map<String, Set<String>> expected = new TreeMap<>();
            for (DatabaseSpec db : catalog.databases().values()) {
                if (!catalog.environment(db.environment()).orElseThrow().namespace().equals(ns)) {
                    continue;
                }
                db.pgdump().flatMap(p -> p.credentialsSecret()).ifPresent(s -> expected.computeIfAbsent(s, k -> new TreeSet<>()).add("get"));
                db.rds().flatMap(p -> p.credentialsSecret()).ifPresent(s -> expected.computeIfAbsent(s, k -> new TreeSet<>()).add("get"));
                db.consumers().forEach(consumer -> expected.computeIfAbsent(consumer.secret(), k -> new TreeSet<>()).addAll(List.of("get", "patch")));
            }
            Map<String, Set<String>> granted = new TreeMap<>();
            for (Map<String, Object> role : r.ofKind("Role")) {
                if (!ns.equals(str(role, "metadata.namespace"))) {
                    continue;
                }
                for (Map<String, Object> rule : maps(role, "rules")) {
                    if (list(rule, "resources").contains("secrets")) {
                        for (Object name : list(rule, "resourceNames")) {
                            granted.computeIfAbsent(String.valueOf(name), k -> new TreeSet<>()).addAll(strings(list(rule, "verbs")));
                        }
                    }
                }
            }
            assertEquals(expected, granted, "Secrets TICKETSMITH may touch in " + ns);
            assertTrue(r.ofKind("NetworkPolicy").stream().anyMatch(np -> maps(np, "spec.egress").stream()
                    .flatMap(e -> maps(e, "to").stream())
                            .anyMatch(to -> ns.equals(map(to, "namespaceSelector.matchLabels").get("kubernetes.io/metadata.name")))),
                    "egress to " + ns + " for smoke tests");
        }
    }

    // ---------------------------------------------------------------- RBAC

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void rbacIsWhatTheCodeCallsWithoutWildcards(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        assertTrue(r.ofKind("ClusterRoleBinding").isEmpty(), "nothing is granted cluster-wide");
        Map<String, Set<String>> granted = new TreeMap<>();
        for (String kind : List.of("ClusterRole", "Role")) {
            for (Map<String, Object> role : r.ofKind(kind)) {
                for (Map<String, Object> rule : maps(role, "rules")) {
                    for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
                        assertFalse(strings(list(rule, field)).stream().anyMatch(v -> v.contains("*")), kind + " wildcard in " + field + ": " + rule);
                    }
                    assertTrue(list(rule, "nonResourceURLs").isEmpty());
                    boolean secrets = list(rule, "resources").contains("secrets");
                    if (secrets) {
                        assertEquals("Role", kind, "Secrets only in a namespace's Role");
                        assertFalse(list(rule, "resourceNames").isEmpty(), "Secrets only by resourceNames: " + rule);
                    }
                    for (String group : strings(list(rule, "apiGroups"))) {
                        for (String resource : strings(list(rule, "resources"))) {
                            granted.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(strings(list(rule, "verbs")));
                        }
                    }
                }
            }
        }
        Map<String, Set<String>> needed = KubeCalls.needed(SOURCES);
        Set<String> secretVerbs = granted.remove("/secrets");
        Set<String> neededSecretVerbs = needed.remove("/secrets");
        assertEquals(needed, granted, "RBAC verbs per resource against the fabric8 calls in src/main/java");
        assertTrue(neededSecretVerbs.containsAll(secretVerbs), "Secret verbs " + secretVerbs + " beyond the code's " + neededSecretVerbs);
        assertEquals(Set.of("apps/deployments", "/services", "autoscaling/horizontalpodautoscalers"),
                needed.entrySet().stream().filter(e -> e.getValue().contains("delete")).map(Map.Entry::getKey).collect(Collectors.toSet()),
                "TICKETSMITH deletes only its canary Deployments, Services and HPAs");
    }

    @Test
    void kubeCallsReadTheVerbsOfEachStatement() throws Exception {
        Path dir = Files.createTempDirectory("kubecalls");
        Files.writeString(dir.resolve("A.java"), "import io.fabric8.kubernetes.client.KubernetesClient;\n"
                + "class A { void a() { client.services().inNamespace(ns).withName(n).delete(); kube.apps().deployments()\n"
                + "  .inNamespace(ns).withName(n).edit(d -> d); } }");
        assertEquals(Map.of("/services", Set.of("delete"), "apps/deployments", Set.of("get", "patch")), KubeCalls.needed(dir));
        Files.writeString(dir.resolve("B.java"), "import io.fabric8.kubernetes.client.KubernetesClient;\n"
                + "class B { void b() { client.configMaps().inNamespace(ns).withName(n).get(); } }");
        AssertionError unknown = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> KubeCalls.needed(dir));
        assertTrue(unknown.getMessage().contains("configMaps()"), unknown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theServiceAccountAssumesItsRoleThroughIrsa(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        String role = annotations(r.one("ServiceAccount", NS)).get("eks.amazonaws.com/role-arn");
        assertNotNull(role, "IRSA annotation");
        assertTrue(role.matches("arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+"), role);
        JsonNode trust = new ObjectMapper().readTree(Files.readString(Path.of("deploy/iam/trust-policy.json")));
        JsonNode statement = trust.path("Statement").get(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", statement.path("Action").asText());
        String sub = statement.path("Condition").path("StringEquals").properties().stream()
                .filter(e -> e.getKey().endsWith(":sub")).map(e -> e.getValue().asText()).findFirst().orElseThrow();
        assertEquals("system:serviceaccount:" + NS + ":" + NS, sub, "only this ServiceAccount may assume the role");
    }

    // ---------------------------------------------------------------- AWS

    @Test
    void theIamPolicyGrantsExactlyTheActionsTheCodeCalls() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(Files.readString(Path.of("deploy/iam/policy.json")));
        Set<String> granted = new TreeSet<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            assertTrue(statement.path("NotAction").isMissingNode() && statement.path("NotResource").isMissingNode(), statement.toString());
            JsonNode actions = statement.path("Action");
            for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                assertFalse(action.asText().contains("*"), "no wildcard action: " + action.asText());
                assertTrue(granted.add(action.asText()), "granted twice: " + action.asText());
            }
        }
        Map<String, Set<String>> called = AwsCalls.needed(SOURCES);
        Set<String> needed = new TreeSet<>(called.keySet());
        needed.addAll(AwsCalls.IMPLIED.keySet());
        assertEquals(needed, granted, "deploy/iam/policy.json against the SDK calls " + called + " and " + AwsCalls.IMPLIED.keySet());
    }

    @Test
    void awsCallsAttributeEachCallToItsService() throws Exception {
        Path dir = Files.createTempDirectory("awscalls");
        Files.writeString(dir.resolve("A.java"), "class A { void a() { aws.rds().describeAccountAttributes(r -> { });\n"
                + " aws.ec2()\n .describeSecurityGroups(r -> { }); aws.rds().describeDBSnapshotsPaginator(r -> { }).stream(); } }");
        Files.writeString(dir.resolve("B.java"), "import software.amazon.awssdk.services.s3.S3Client;\n"
                + "class B { S3Client s3; void b() { s3.createMultipartUpload(r -> { }); s3.listObjectsV2Paginator(q); x.toString(); } }");
        assertEquals(Set.of("rds:DescribeAccountAttributes", "ec2:DescribeSecurityGroups", "rds:DescribeDBSnapshots", "s3:PutObject", "s3:ListBucket"),
                AwsCalls.needed(dir).keySet());
    }

    @Test
    void theIamPolicyCoversTheCataloguesBucketsAndKeys() throws Exception {
        Catalog catalog = catalogue(Rendered.overlay("production"));
        String policy = Files.readString(Path.of("deploy/iam/policy.json"));
        for (DatabaseSpec db : catalog.databases().values()) {
            db.pgdump().ifPresent(p -> {
                if (p.store().startsWith("s3://")) {
                    String bucket = p.store().substring(5).split("/")[0];
                    assertTrue(policy.contains("\"arn:aws:s3:::" + bucket + "\"") && policy.contains("\"arn:aws:s3:::" + bucket + "/*\""),
                            "the role may use bucket " + bucket);
                }
                p.kmsKey().ifPresent(k -> assertTrue(policy.contains("\"" + k + "\""), "the role may use key " + k));
            });
            db.rds().ifPresent(rds -> rds.kmsKey().ifPresent(k -> assertTrue(policy.contains("\"" + k + "\""), "the role may use key " + k)));
        }
    }

    // ---------------------------------------------------------------- the door

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAlbExposesOnlySlackAndTheApiOverTls(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        List<Map<String, Object>> ingresses = r.ofKind("Ingress");
        assertEquals(1, ingresses.size());
        Map<String, Object> ingress = ingresses.get(0);
        assertEquals("alb", str(ingress, "spec.ingressClassName"));
        Set<String> paths = new TreeSet<>();
        for (Map<String, Object> rule : maps(ingress, "spec.rules")) {
            for (Map<String, Object> path : maps(rule, "http.paths")) {
                paths.add(path.get("path") + " " + path.get("pathType"));
                assertFalse(String.valueOf(path.get("path")).startsWith("/q"), "never /q/*");
                assertEquals(NS, str(path, "backend.service.name"));
                assertEquals("http", str(path, "backend.service.port.name"));
            }
        }
        assertEquals(Set.of("/slack/events Exact", "/api Prefix"), paths);
        assertNull(at(ingress, "spec.defaultBackend"), "no default backend");
        Map<String, String> a = annotations(ingress);
        assertTrue(a.getOrDefault("alb.ingress.kubernetes.io/certificate-arn", "").matches("arn:aws:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+"));
        JsonNode ports = new ObjectMapper().readTree(a.get("alb.ingress.kubernetes.io/listen-ports"));
        Set<String> listeners = new TreeSet<>();
        ports.forEach(p -> p.properties().forEach(e -> listeners.add(e.getKey() + ":" + e.getValue().asInt())));
        assertEquals(Set.of("HTTP:80", "HTTPS:443"), listeners);
        assertEquals("443", a.get("alb.ingress.kubernetes.io/ssl-redirect"));
        assertEquals("/q/health/ready", a.get("alb.ingress.kubernetes.io/healthcheck-path"));
        assertEquals("ip", a.get("alb.ingress.kubernetes.io/target-type"));
        Map<String, Object> service = r.one("Service", NS);
        assertTrue(maps(service, "spec.ports").stream().anyMatch(p -> "http".equals(p.get("name")) && "http".equals(String.valueOf(p.get("targetPort")))));
        assertEquals(map(r.one("Deployment", NS), "spec.template.metadata.labels"), map(service, "spec.selector"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void autoscalingDisruptionAndNetworkAreBounded(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Object> hpa = r.one("HorizontalPodAutoscaler", NS);
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        assertEquals("Deployment", str(hpa, "spec.scaleTargetRef.kind"));
        assertEquals(NS, str(hpa, "spec.scaleTargetRef.name"));
        assertTrue(((Number) at(hpa, "spec.minReplicas")).intValue() >= 2, "never fewer than two replicas");
        Map<String, Object> cpu = maps(hpa, "spec.metrics").stream().filter(m -> "cpu".equals(str(m, "resource.name"))).findFirst().orElseThrow();
        assertEquals("Utilization", str(cpu, "resource.target.type"));
        assertEquals(70, at(cpu, "resource.target.averageUtilization"));
        assertTrue(((Number) at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).intValue() >= 300, "scale in only after sustained low load");
        assertFalse(maps(hpa, "spec.behavior.scaleDown.policies").isEmpty(), "scale in stepwise");

        Map<String, Object> pdb = r.one("PodDisruptionBudget", NS);
        assertEquals(1, at(pdb, "spec.minAvailable"));
        assertEquals(map(r.one("Deployment", NS), "spec.template.metadata.labels"), map(pdb, "spec.selector.matchLabels"));

        Map<String, Object> np = r.one("NetworkPolicy", NS);
        assertEquals(List.of("Ingress", "Egress"), list(np, "spec.policyTypes"));
        Set<String> ingressPorts = maps(np, "spec.ingress").stream().flatMap(i -> maps(i, "ports").stream()).map(p -> p.get("protocol") + "/" + p.get("port"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("TCP/8080"), ingressPorts);
        Set<String> egressPorts = maps(np, "spec.egress").stream().flatMap(e -> maps(e, "ports").stream()).map(p -> p.get("protocol") + "/" + p.get("port"))
                .collect(Collectors.toSet());
        assertTrue(egressPorts.containsAll(Set.of("UDP/53", "TCP/53", "TCP/5432", "TCP/443")), "DNS, PostgreSQL, HTTPS: " + egressPorts);
        if (overlay.equals("production")) {
            Map<String, Object> sm = r.one("ServiceMonitor", NS);
            assertEquals("/q/metrics", str(maps(sm, "spec.endpoints").get(0), "path"));
            assertEquals("http", str(maps(sm, "spec.endpoints").get(0), "port"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Catalog catalogue(Rendered r) throws Exception {
        List<Map<String, Object>> maps = r.ofKind("ConfigMap").stream()
                .filter(cm -> str(cm, "metadata.name").startsWith("ticketsmith-catalog-")).toList();
        assertEquals(1, maps.size(), "one catalogue ConfigMap (name with kustomize's hash suffix)");
        Map<String, Object> cm = maps.get(0);
        String name = str(cm, "metadata.name");
        assertEquals(name, str(r.one("Deployment", NS), "spec.template.spec.volumes.0.configMap.name"), "the Deployment mounts it");
        String yaml = String.valueOf(map(cm, "data").get("catalog.yaml"));
        return CatalogLoader.parse(yaml, r.overlayName() + " ConfigMap " + name);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = maps(deployment, "spec.template.spec.containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        maps(container, "env").forEach(e -> env.put(String.valueOf(e.get("name")), e.get("value") == null ? null : String.valueOf(e.get("value"))));
        return env;
    }

    private static Map<String, Map<String, Object>> secretRefs(Map<String, Object> container) {
        Map<String, Map<String, Object>> refs = new HashMap<>();
        maps(container, "env").forEach(e -> {
            Map<String, Object> ref = map(e, "valueFrom.secretKeyRef");
            if (!ref.isEmpty()) {
                refs.put(String.valueOf(e.get("name")), ref);
            }
        });
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> annotations(Map<String, Object> object) {
        Object a = ((Map<String, Object>) object.get("metadata")).get("annotations");
        return a == null ? Map.of() : (Map<String, String>) a;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> object) {
        Object l = ((Map<String, Object>) object.get("metadata")).get("labels");
        return l == null ? Map.of() : (Map<String, String>) l;
    }

    private static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }
}
