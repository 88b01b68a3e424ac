package dev.llmgateway.testing;

import dev.llmgateway.GatewayApplication;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A gateway started the way production starts it, in front of its own Bedrock emulator, on free ports. */
public final class TestGateway implements AutoCloseable {

    private final BedrockEmulator emulator;
    private final GatewayApplication gateway;
    private final Path dataDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(BedrockEmulator emulator, GatewayApplication gateway, Path dataDirectory) {
        this.emulator = emulator;
        this.gateway = gateway;
        this.dataDirectory = dataDirectory;
    }

    public static TestGateway start() throws Exception {
        return start(Map.of());
    }

    /**
     * @param environment settings overrides, as LLMGW_* environment variables. The semantic cache is off unless they
     *                    turn it on (LLMGW_CACHE_ENABLED=true), so tests of other features see every request reach the
     *                    emulator; its files go to a temporary directory removed on close.
     */
    public static TestGateway start(Map<String, String> environment) throws Exception {
        BedrockEmulator emulator = BedrockEmulator.start(0);
        Path dataDirectory = Files.createTempDirectory("llmgw-test-");
        Map<String, String> env = new HashMap<>();
        env.put("LLMGW_SERVER_HOST", "127.0.0.1");
        env.put("LLMGW_SERVER_PORT", Integer.toString(freePort()));
        env.put("LLMGW_UPSTREAM_MODE", "emulator");
        env.put("LLMGW_UPSTREAM_ENDPOINT", emulator.endpoint().toString());
        env.put("LLMGW_CACHE_ENABLED", "false");
        env.put("LLMGW_CACHE_DIRECTORY", dataDirectory.resolve("cache").toString());
        env.putAll(environment);
        try {
            return new TestGateway(emulator, GatewayApplication.start(new SettingsLoader().load(null, env)), dataDirectory);
        } catch (Exception | Error e) {
            emulator.close();
            deleteRecursively(dataDirectory);
            throw e;
        }
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

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
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
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
