package dev.llmgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.store.StorageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Kubernetes manifests (ops/kubernetes) read as Kubernetes would, checked against the gateway itself: the
 * ConfigMap's settings and every LLMGW_* variable (the Deployment's, the Secret's, the image's) load through the
 * gateway's own SettingsLoader, the probes are its health routes on its port, and the pod runs as the image's non-root
 * user on a read-only root filesystem with a volume wherever the gateway writes.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("ops/kubernetes");
    private static final String JIB = "//plugin[artifactId='jib-maven-plugin']/configuration/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> RESOURCES = new HashMap<>();
    private static Document pom;

    @TempDir
    Path work;

    @BeforeAll
    static void read() throws Exception {
        for (JsonNode file : YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile()).get("resources")) {
            Path manifest = MANIFESTS.resolve(file.asText());
            try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest.toFile())) {
                while (docs.hasNext()) {
                    JsonNode resource = docs.next();
                    assertThat(RESOURCES.put(resource.get("kind").asText(), resource)).as("one of each kind").isNull();
                }
            }
        }
        pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("gateway.pom.xml").toFile());
    }

    @Test
    void theKustomizationNamesEveryManifest() throws IOException {
        List<String> named = new ArrayList<>();
        YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile()).get("resources")
                .forEach(file -> named.add(file.asText()));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .filteredOn(name -> !name.equals("kustomization.yaml")).containsExactlyInAnyOrderElementsOf(named);
        }
        assertThat(RESOURCES).containsKeys("ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget");
    }

    @Test
    void everySettingAndVariableIsOneTheGatewayKnows() throws Exception {
        GatewaySettings settings = settings(filledSecret());

        assertThat(environment(filledSecret()).keySet()).allMatch(name -> name.startsWith(SettingsLoader.ENV_PREFIX));
        assertThat(settings.upstream().mode().name()).isEqualTo("BEDROCK");
    }

    @Test
    void theSecretsValuesReachTheirSettings() throws Exception {
        Map<String, String> secret = filledSecret();
        GatewaySettings settings = settings(secret);

        assertThat(secret).containsKeys("LLMGW_AUTH_ADMINTOKEN", "LLMGW_STORAGE_POSTGRESQL_PASSWORD");
        assertThat(settings.auth().adminToken()).isEqualTo(secret.get("LLMGW_AUTH_ADMINTOKEN"));
        assertThat(settings.storage().postgresql().password())
                .isEqualTo(secret.get("LLMGW_STORAGE_POSTGRESQL_PASSWORD"));
        assertThat(settings.observability().metrics().token())
                .isEqualTo(secret.get("LLMGW_OBSERVABILITY_METRICS_TOKEN"));
    }

    @Test
    void severalReplicasShareOnePostgresqlDatabase() throws Exception {
        GatewaySettings settings = settings(filledSecret());

        assertThat(RESOURCES.get("Deployment").at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(settings.storage().mode()).isEqualTo(StorageSettings.Mode.POSTGRESQL);
        assertThat(settings.cache().store()).isEqualTo(CacheSettings.StoreKind.POSTGRESQL);
        assertThat(RESOURCES.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theProbesAreTheGatewaysHealthRoutesOnItsPort() throws Exception {
        GatewaySettings settings = settings(filledSecret());
        List<String> healthRoutes = new ArrayList<>();
        YAML.readTree(Path.of("routes/health.yaml").toFile()).forEach(route ->
                healthRoutes.add(route.at("/route/from/uri").asText().replace("platform-http:", "")));
        JsonNode container = container();
        Map<String, Integer> ports = new HashMap<>();
        container.get("ports").forEach(port -> ports.put(port.get("name").asText(), port.get("containerPort").asInt()));

        assertThat(healthRoutes).containsExactlyInAnyOrder("/health/live", "/health/ready");
        assertThat(ports).containsEntry("http", settings.server().port());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertThat(healthRoutes).as(probe).contains(get.get("path").asText());
            assertThat(ports).as(probe).containsKey(get.get("port").asText());
        }
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(ports).containsKey(RESOURCES.get("Service").at("/spec/ports/0/targetPort").asText());
        assertThat(text(JIB + "container/ports/port")).isEqualTo(Integer.toString(settings.server().port()));
    }

    @Test
    void itRunsAsTheImagesNonRootUserOnAReadOnlyRootFilesystem() throws Exception {
        GatewaySettings settings = settings(filledSecret());
        JsonNode pod = RESOURCES.get("Deployment").at("/spec/template/spec");
        JsonNode container = container();
        long imageUser = Long.parseLong(text(JIB + "container/user").split(":")[0]);

        assertThat(imageUser).isNotZero();
        assertThat(pod.at("/securityContext/runAsUser").asLong()).isEqualTo(imageUser);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
        List<String> writable = new ArrayList<>();
        container.get("volumeMounts").forEach(mount -> {
            if (!mount.path("readOnly").asBoolean()) {
                writable.add(mount.get("mountPath").asText());
            }
        });
        for (String path : List.of(settings.storage().dataDir(), settings.cache().directory(), "/tmp")) {
            assertThat(writable).as(path + " is written to").anyMatch(mount -> path.startsWith(mount));
        }
        assertThat(texts(JIB + "container/volumes/volume")).containsAll(writable);
    }

    @Test
    void memoryIsRequestedAndLimited() {
        JsonNode resources = container().get("resources");

        assertThat(resources.at("/requests/cpu").isMissingNode()).isFalse();
        assertThat(resources.at("/requests/memory").isMissingNode()).isFalse();
        assertThat(resources.at("/limits/memory").isMissingNode()).isFalse();
    }

    /** @return the settings a replica starts with, with the Secret holding the given values */
    private GatewaySettings settings(Map<String, String> secret) throws Exception {
        Map<String, String> env = environment(secret);
        Path config = Path.of(env.get("LLMGW_CONFIG"));
        JsonNode configMap = RESOURCES.get("ConfigMap");
        JsonNode mount = null;
        for (JsonNode m : container().get("volumeMounts")) {
            if (m.get("mountPath").asText().equals(config.getParent().toString())) {
                mount = m;
            }
        }
        assertThat(mount).as("LLMGW_CONFIG's directory is a mounted volume").isNotNull();
        assertThat(volume(mount.get("name").asText()).at("/configMap/name").asText())
                .isEqualTo(configMap.at("/metadata/name").asText());
        String yaml = configMap.at("/data/" + config.getFileName()).asText();
        assertThat(yaml).as("the ConfigMap holds " + config.getFileName()).isNotEmpty();
        Path file = Files.writeString(work.resolve("gateway.yaml"), yaml);
        return new SettingsLoader().load(file, env);
    }

    /** @return every variable a replica gets: the image's, the Deployment's, and the Secret's */
    private Map<String, String> environment(Map<String, String> secret) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        NodeList image = (NodeList) xpath().evaluate(JIB + "container/environment/*", pom, XPathConstants.NODESET);
        for (int i = 0; i < image.getLength(); i++) {
            env.put(image.item(i).getNodeName(), image.item(i).getTextContent().trim());
        }
        container().get("env").forEach(variable ->
                env.put(variable.get("name").asText(), variable.get("value").asText()));
        assertThat(container().at("/envFrom/0/secretRef/name").asText())
                .isEqualTo(RESOURCES.get("Secret").at("/metadata/name").asText());
        assertThat(secret.keySet()).containsExactlyInAnyOrderElementsOf(() -> secret().fieldNames());
        env.putAll(secret);
        return env;
    }

    private Map<String, String> filledSecret() {
        Map<String, String> filled = new LinkedHashMap<>();
        secret().fieldNames().forEachRemaining(name -> filled.put(name, "filled-in-" + name.toLowerCase()));
        return filled;
    }

    private static JsonNode secret() {
        return RESOURCES.get("Secret").get("stringData");
    }

    private static JsonNode container() {
        return RESOURCES.get("Deployment").at("/spec/template/spec/containers/0");
    }

    private static JsonNode volume(String name) {
        for (JsonNode volume : RESOURCES.get("Deployment").at("/spec/template/spec/volumes")) {
            if (volume.get("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String text(String path) throws Exception {
        return ((String) xpath().evaluate(path, pom, XPathConstants.STRING)).trim();
    }

    private static List<String> texts(String path) throws Exception {
        NodeList nodes = (NodeList) xpath().evaluate(path, pom, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getTextContent().trim());
        }
        return values;
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }
}
