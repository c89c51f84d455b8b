package scanner.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * k8s/ as kubectl renders it: every setting it gives the pods is one the application reads, and
 * its ports and probe paths are the application's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private final List<JsonNode> documents = new ArrayList<>();
    private Properties properties;

    @BeforeAll
    void render() throws Exception {
        Assumptions.assumeTrue(kubectl(), "kubectl is not installed (Debian package kubectl): manifests not rendered");
        for (String dir : new String[] {"k8s", "k8s/keda"}) {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir);
            assertEquals(0, p.exitValue(), out);
            new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(out).forEachRemaining(documents::add);
        }
        properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
    }

    private static boolean kubectl() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    /** The environment variables application.properties reads ({{env:NAME:default}}). */
    private Set<String> readByTheApplication() throws IOException {
        Set<String> keys = new HashSet<>();
        Matcher m = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private String defaultOf(String property) {
        Matcher m = Pattern.compile("\\{\\{env:[A-Z0-9_]+:([^}]*)}}").matcher(properties.getProperty(property));
        assertTrue(m.find(), property);
        return m.group(1);
    }

    @Test
    void every_setting_given_to_the_pods_is_read_by_the_application() throws IOException {
        Set<String> read = readByTheApplication();
        Set<String> given = new HashSet<>();
        for (JsonNode map : ofKind("ConfigMap")) {
            map.path("data").fieldNames().forEachRemaining(given::add);
        }
        for (JsonNode deployment : ofKind("Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                container.path("env").forEach(e -> given.add(e.get("name").asText()));
            }
        }
        for (String file : new String[] {"k8s/secret.example.yaml"}) {
            new YAMLMapper().readTree(Path.of(file).toFile()).path("stringData").fieldNames().forEachRemaining(given::add);
        }
        assertTrue(given.size() > 10, "settings found: " + given);
        given.removeAll(read);
        assertEquals(Set.of(), given, "settings the application does not read");
    }

    @Test
    void ports_and_probes_are_the_applications() {
        String http = defaultOf("camel.server.port");
        String management = defaultOf("camel.management.port");
        List<JsonNode> deployments = ofKind("Deployment");
        assertEquals(2, deployments.size());
        for (JsonNode deployment : deployments) {
            JsonNode spec = deployment.at("/spec/template/spec");
            JsonNode container = spec.at("/containers/0");
            for (JsonNode port : container.path("ports")) {
                String expected = port.get("name").asText().equals("http") ? http : management;
                assertEquals(expected, port.get("containerPort").asText(), deployment.at("/metadata/name") + " " + port);
            }
            assertEquals("/observe/health/ready", container.at("/readinessProbe/httpGet/path").asText());
            assertEquals("/observe/health/live", container.at("/livenessProbe/httpGet/path").asText());
            assertEquals("management", container.at("/livenessProbe/httpGet/port").asText());
            assertTrue(container.at("/resources/requests/memory").isTextual(), "memory request");
            assertTrue(container.at("/resources/limits/memory").isTextual(), "memory limit");
            assertTrue(spec.path("terminationGracePeriodSeconds").asInt() >= 30, "time to finish the work unit in hand");
            String component = deployment.at("/metadata/labels/app.kubernetes.io~1component").asText();
            assertEquals("s3-scanner-" + component, spec.path("serviceAccountName").asText(), "one identity per kind of pod");
            // The generated ConfigMap carries a content hash: a changed setting rolls the pods.
            String configMap = container.at("/envFrom/0/configMapRef/name").asText();
            assertTrue(configMap.matches("s3-scanner-config-[a-z0-9]{10}"), configMap);
        }
        assertEquals(2, ofKind("ServiceAccount").size());
        for (JsonNode account : ofKind("ServiceAccount")) {
            assertTrue(account.at("/metadata/annotations").has("eks.amazonaws.com/role-arn"), "IRSA");
        }
        assertEquals(2, ofKind("PodDisruptionBudget").size());
        assertEquals("s3-scanner-workers", ofKind("ScaledObject").get(0).at("/spec/scaleTargetRef/name").asText());
    }

    /** Pods run as nobody in particular, can gain nothing, and write nowhere but their temp dir. */
    @Test
    void pods_are_locked_down() {
        for (JsonNode deployment : ofKind("Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode spec = deployment.at("/spec/template/spec");
            assertTrue(spec.at("/securityContext/runAsNonRoot").asBoolean(), name);
            assertEquals("RuntimeDefault", spec.at("/securityContext/seccompProfile/type").asText(), name);
            JsonNode container = spec.at("/containers/0");
            assertEquals(false, container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), name);
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name);
            assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText(), name);
            boolean tmp = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                tmp |= mount.path("mountPath").asText().equals("/tmp");
            }
            assertTrue(tmp, name + " has a writable /tmp");
        }
    }

    /** The API Service carries the API only; the management port has its own, reachable from monitoring alone. */
    @Test
    void the_management_port_is_never_behind_the_api_service_and_the_api_needs_a_key() {
        for (JsonNode service : ofKind("Service")) {
            String name = service.at("/metadata/name").asText();
            for (JsonNode port : service.at("/spec/ports")) {
                boolean management = port.path("targetPort").asText().equals("management") || port.path("port").asInt() == 8081;
                assertEquals(name.equals("s3-scanner-management"), management, name + " " + port);
            }
        }
        List<JsonNode> policies = ofKind("NetworkPolicy");
        assertEquals(2, policies.size());
        for (JsonNode policy : policies) {
            for (JsonNode rule : policy.at("/spec/ingress")) {
                if (rule.at("/ports/0/port").asInt() == 8081) {
                    assertEquals("monitoring", rule.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(),
                            policy.toString());
                }
            }
        }
        JsonNode api = ofKind("Deployment").stream().filter(d -> d.at("/metadata/name").asText().equals("s3-scanner-api"))
                .findFirst().orElseThrow();
        boolean keyFile = false;
        for (JsonNode env : api.at("/spec/template/spec/containers/0/env")) {
            keyFile |= env.path("name").asText().equals("SCANNER_API_KEYS_FILE");
        }
        assertTrue(keyFile, "the API pods read their keys from the mounted Secret");
    }
}
