package dev.llmgateway.store;

import static dev.llmgateway.store.PrivateFilesTest.openToOthers;
import static dev.llmgateway.store.PrivateFilesTest.permissions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.GatewayProcess;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A gateway on the embedded defaults (its own JVM, semantic cache on) keeps its data private: data directory 0700,
 * database files 0600, a data directory found open is tightened with a warning; and nothing of it listens on the
 * network but the API and the metrics port (no H2 server).
 */
@ServiceBound
class EmbeddedStorePrivacyTest {

    private static final String CHAT = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello there."}]}""";

    /** @return the TCP ports the process has a listening socket on (IPv4 and IPv6), from /proc */
    static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> socketInodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // not a socket we could miss: a listener stays open
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                boolean listening = "0A".equals(fields[3]);
                if (listening && socketInodes.contains(fields[9])) {
                    String local = fields[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void theDataIsTheOwnersAndOnlyTheApiAndMetricsPortsListen() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-privacy-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path earlier = Files.writeString(dataDir.resolve("notes.txt"), "left by an operator");
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
        int metricsPort = TestGateway.freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (BedrockEmulator emulator = BedrockEmulator.start(0);
             GatewayProcess gateway = GatewayProcess.start(dataDir, emulator.endpoint(), Map.of(
                     "LLMGW_CACHE_ENABLED", "true",
                     "LLMGW_OBSERVABILITY_METRICS_PORT", Integer.toString(metricsPort)))) {
            int apiPort = gateway.uri("/").getPort();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + TestGateway.API_KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }

            assertThat(permissions(dataDir)).isEqualTo(PrivateFiles.DIRECTORY);
            assertThat(permissions(dataDir.resolve("gateway.mv.db"))).isEqualTo(PrivateFiles.FILE);
            assertThat(permissions(dataDir.resolve("cache"))).isEqualTo(PrivateFiles.DIRECTORY);
            assertThat(permissions(dataDir.resolve("cache/semantic-cache.mv.db"))).isEqualTo(PrivateFiles.FILE);
            assertThat(permissions(dataDir.resolve("ledger-spool"))).isEqualTo(PrivateFiles.DIRECTORY);
            assertThat(permissions(earlier)).isEqualTo(PrivateFiles.FILE);
            assertThat(openToOthers(dataDir)).isEmpty();
            assertThat(gateway.logText().lines().filter(line -> line.contains(" WARN ")
                    && line.contains("PrivateFiles")).toList()).singleElement().satisfies(line -> assertThat(line)
                    .contains("storage.dataDir " + dataDir + " was open to other users")
                    .contains(earlier + " (was rw-r--r--)").contains("made private"));

            assertThat(catchThrowable(() -> Database.openUnlessInUse(
                    new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(), null))))
                    .as("the gateway still holds its database file after making it private")
                    .isInstanceOf(DatabaseInUseException.class);
            assertThat(listeningPorts(gateway.pid())).as("TCP ports the gateway's process listens on")
                    .containsExactlyInAnyOrder(apiPort, metricsPort);
            try (Stream<Path> files = Files.walk(dataDir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".lock.db")).toList())
                        .as("no lock file publishing a server address").allSatisfy(lock ->
                                assertThat(Files.readString(lock)).doesNotContain("server="));
            }
            assertThat(Eventually.get(() -> http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.discarding()).join().statusCode(), status -> status == 200))
                    .as("the metrics port is the gateway's").isEqualTo(200);
        }
        assertThat(openToOthers(dataDir)).as("after a clean stop (the cache's graphs saved)").isEmpty();
        try (Stream<Path> graphs = Files.list(dataDir.resolve("cache/graphs"))) {
            assertThat(graphs.toList()).isNotEmpty();
        }
    }
}
