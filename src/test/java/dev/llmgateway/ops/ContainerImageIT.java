package dev.llmgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image `mvn -Pimage package` built (an OCI tarball, Jib), as a container runtime would read it: its
 * configuration (non-root user, the gateway's main class, port, data volume and environment) and its layers (the
 * gateway, the library and their dependencies, a data directory its user can write). Runs in the image profile only,
 * after the image is built; on a machine without the base image's registry the image is built on an empty base
 * (bin/test), which this checks all the same, the base aside.
 */
class ContainerImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IMAGE = Path.of("target", "camel-llm-gateway-image.tar");
    private static final Map<String, byte[]> BLOBS = new HashMap<>();
    private static JsonNode config;
    private static final Map<String, TarArchiveEntry> FILES = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        assertThat(IMAGE).as("built by mvn -Pimage package").exists();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    BLOBS.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = blob(JSON.readTree(BLOBS.get("index.json")).path("manifests").get(0).path("digest"));
        config = blob(manifest.path("config").path("digest"));
        for (JsonNode layer : manifest.path("layers")) {
            String name = "blobs/sha256/" + layer.path("digest").asText().substring("sha256:".length());
            try (TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(
                    new ByteArrayInputStream(BLOBS.get(name))))) {
                for (TarArchiveEntry entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
                    FILES.put(entry.getName(), entry);
                }
            }
        }
    }

    @Test
    void runsTheGatewayAsANonRootUserOnItsPortWithItsDataOnAVolume() {
        JsonNode run = config.path("config");
        assertThat(run.path("User").asText()).isEqualTo("10001:10001");
        List<String> entrypoint = StreamSupport.stream(run.path("Entrypoint").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertThat(entrypoint).startsWith("java").endsWith("dev.llmgateway.GatewayMain").contains("-XX:+UseZGC");
        assertThat(run.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(run.path("Volumes").has("/var/lib/llmgw")).isTrue();
        assertThat(StreamSupport.stream(run.path("Env").spliterator(), false).map(JsonNode::asText))
                .contains("LLMGW_STORAGE_DATADIR=/var/lib/llmgw", "LLMGW_CACHE_DIRECTORY=/var/lib/llmgw/cache");
    }

    @Test
    void holdsTheGatewayTheLibraryAndADataDirectoryItsUserCanWrite() {
        assertThat(FILES).containsKeys("app/classes/dev/llmgateway/GatewayMain.class",
                "app/resources/routes/openai-api.yaml", "app/jib-classpath-file");
        // the library as the reactor names it (camel-llm-gateway-kamelets.jar) or the local repository does
        assertThat(FILES.keySet()).anyMatch(name -> name.matches("app/libs/camel-llm-gateway-kamelets[-.\\w]*\\.jar"))
                .anyMatch(name -> name.startsWith("app/libs/camel-aws-bedrock-"));
        TarArchiveEntry data = FILES.get("var/lib/llmgw/");
        assertThat(data).isNotNull();
        assertThat(data.getMode() & 0777).isEqualTo(0777);
    }

    private static JsonNode blob(JsonNode digest) throws IOException {
        byte[] bytes = BLOBS.get("blobs/sha256/" + digest.asText().substring("sha256:".length()));
        assertThat(bytes).as("blob " + digest.asText()).isNotNull();
        return JSON.readTree(bytes);
    }
}
