package dev.llmgateway.testing;

import dev.llmgateway.GatewayMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in a JVM of its own ({@link GatewayMain} on the tests' class path), so a test can kill it the way a crash
 * would and start it again on the same data directory, port and settings. It runs in the data directory: the tests'
 * class path may hold an empty entry (the working directory), and the project's own folder would add its routes
 * a second time. Its output goes to {@code gateway-N.log} in the data directory, one file per start.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Path dataDir;
    private final Path config;
    private final Map<String, String> environment;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private int starts;

    private GatewayProcess(Path dataDir, Path config, Map<String, String> environment, int port) {
        this.dataDir = dataDir;
        this.config = config;
        this.environment = environment;
        this.port = port;
    }

    /**
     * Starts a gateway in front of the emulator at {@code emulator}, with the test key for team {@code default},
     * and waits until it answers.
     *
     * @param environment settings overrides, as LLMGW_* environment variables
     */
    public static GatewayProcess start(Path dataDir, URI emulator, Map<String, String> environment) throws IOException {
        int port = TestGateway.freePort();
        Map<String, String> env = TestGateway.environment(dataDir, emulator, port);
        env.put("LLMGW_REQUEST_LOG_LEVEL", "OFF");
        env.putAll(environment);
        GatewayProcess gateway = new GatewayProcess(dataDir, TestGateway.writeConfig(dataDir, null), env, port);
        gateway.startAgain();
        return gateway;
    }

    /** Starts the JVM (again) and waits until the gateway is live. */
    public void startAgain() throws IOException {
        log = dataDir.resolve("gateway-" + ++starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), GatewayMain.class.getName(), "--config", config.toString()))
                .directory(dataDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        try {
            Eventually.until("the gateway in process " + process.pid() + " answers (log: " + log + ")",
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + logText());
                        }
                        return isLive();
                    });
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Kills the JVM the way a crash does (SIGKILL: no shutdown hook runs); @return its exit status */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isLive() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/health/live"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the gateway as an operator would (SIGTERM: it shuts down in order), or kills it if it does not. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
