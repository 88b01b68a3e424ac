package dev.llmgateway.testing;

import dev.llmgateway.GatewayApplication;
import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.emulator.BedrockEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway started the way production starts it, in front of its own Bedrock emulator, on free ports, with its
 * embedded storage in a fresh directory and one API key for team {@code default} (sent by {@link #post}/{@link #get}).
 */
public final class TestGateway implements AutoCloseable {

    /** The key seeded for team {@code default}. */
    public static final String API_KEY = "sk-test-default-team-key-0001";
    /** The admin API's credential. */
    public static final String ADMIN_TOKEN = "test-admin-token-0001";
    /** A named admin credential ({@code auth.admins}, configured as its hash) and its holder's name. */
    public static final String NAMED_ADMIN = "ops-alice";
    public static final String NAMED_ADMIN_TOKEN = "test-named-admin-token-0001";

    private final BedrockEmulator emulator;
    private final GatewayApplication gateway;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(BedrockEmulator emulator, GatewayApplication gateway, Path dataDir) {
        this.emulator = emulator;
        this.gateway = gateway;
        this.dataDir = dataDir;
    }

    public static TestGateway start() throws Exception {
        return start(Map.of());
    }

    /**
     * @param environment settings overrides, as LLMGW_* environment variables. The semantic cache is off unless they
     *                    turn it on (LLMGW_CACHE_ENABLED=true), so tests of other features see every request reach the
     *                    emulator; its files go under the temporary data directory, which is kept after close (tests
     *                    reopen it as after a restart).
     */
    public static TestGateway start(Map<String, String> environment) throws Exception {
        return start(environment, null);
    }

    /**
     * @param environment settings overrides, as LLMGW_* environment variables
     * @param configYaml  more settings, as the YAML of an operator's --config file (may be null)
     */
    public static TestGateway start(Map<String, String> environment, String configYaml) throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-test-");
        Path config = writeConfig(dataDir, configYaml);
        BedrockEmulator emulator = emulatorOnAPortNotIn(environment);
        Map<String, String> env = environment(dataDir, emulator.endpoint(), freePort());
        env.putAll(environment);
        try {
            return new TestGateway(emulator, GatewayApplication.start(new SettingsLoader().load(config, env)), dataDir);
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    /** A port a test chose for the gateway (its metrics port, say) is free until the gateway binds it: not the emulator's. */
    private static BedrockEmulator emulatorOnAPortNotIn(Map<String, String> environment) throws Exception {
        while (true) {
            BedrockEmulator emulator = BedrockEmulator.start(0);
            if (!environment.containsValue(Integer.toString(emulator.port()))) {
                return emulator;
            }
            emulator.close();
        }
    }

    /** @return the --config file with the test's admin token and key, plus the given YAML (may be null) */
    static Path writeConfig(Path dataDir, String configYaml) throws IOException {
        Path config = dataDir.resolve("test-config.yaml");
        Files.writeString(config, """
                auth:
                  adminToken: %s
                  admins:
                    - {name: %s, token: "sha256:%s"}
                  keys:
                    - {team: default, name: tests, key: %s}
                """.formatted(ADMIN_TOKEN, NAMED_ADMIN, ApiKeySecrets.hash(NAMED_ADMIN_TOKEN), API_KEY) + (configYaml == null ? "" : configYaml));
        return config;
    }

    /** @return the LLMGW_* settings of a test gateway: local only, in front of the emulator, cache off */
    static Map<String, String> environment(Path dataDir, URI emulator, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("LLMGW_SERVER_HOST", "127.0.0.1");
        env.put("LLMGW_SERVER_PORT", Integer.toString(port));
        env.put("LLMGW_UPSTREAM_MODE", "emulator");
        env.put("LLMGW_UPSTREAM_ENDPOINT", emulator.toString());
        env.put("LLMGW_STORAGE_DATADIR", dataDir.toString());
        env.put("LLMGW_CACHE_ENABLED", "false");
        env.put("LLMGW_CACHE_DIRECTORY", dataDir.resolve("cache").toString());
        return env;
    }

    public Path dataDir() {
        return dataDir;
    }

    public GatewayApplication application() {
        return gateway;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public org.apache.camel.CamelContext camelContext() {
        return gateway.camelContext();
    }

    public BedrockEmulator emulator() {
        return emulator;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    /** POSTs JSON with the default team's key. */
    public HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GETs with the default team's key. */
    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A request to the gateway carrying the default team's key. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_KEY);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        emulator.close();
    }
}
