package dev.llmgateway.bench;

import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's jar run as its own process with the embedded defaults, as {@code bin/gateway} runs it: nothing
 * configured but a fresh data directory (database, cache, first API key) and a local port, so it starts its built-in
 * emulator and, with the shipped settings, the semantic cache with the local embedder. Its output goes to a log file
 * in that directory; closing stops the process and removes the directory.
 */
final class GatewayProcess implements AutoCloseable {

    private final Path directory;
    private final Process process;
    private final long startNanos;
    private final URI uri;

    private GatewayProcess(Path directory, Process process, long startNanos, URI uri) {
        this.directory = directory;
        this.process = process;
        this.startNanos = startNanos;
        this.uri = uri;
    }

    /** @param javaOptions JVM options for the gateway, as {@code JAVA_OPTS} gives them to {@code bin/gateway} */
    static GatewayProcess start(Path jar, List<String> javaOptions) throws IOException {
        Path directory = Files.createTempDirectory("llmgw-footprint-");
        int port = TestGateway.freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("gateway.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LLMGW_") || name.startsWith("AWS_"));
        builder.environment().put("LLMGW_SERVER_HOST", "127.0.0.1");
        builder.environment().put("LLMGW_SERVER_PORT", Integer.toString(port));
        builder.environment().put("LLMGW_UPSTREAM_MODE", "emulator");
        long startNanos = System.nanoTime();
        return new GatewayProcess(directory, builder.start(), startNanos, URI.create("http://127.0.0.1:" + port));
    }

    long pid() {
        return process.pid();
    }

    URI uri() {
        return uri;
    }

    /** Polls {@code /health/ready} every 10 ms; returns the time from starting the process to its first 200. */
    Duration awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = startNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the gateway exited with " + process.exitValue() + "; see " + log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startNanos);
                }
            } catch (IOException notAnsweringYet) {
                // refused, timed out, or closed while the starting gateway swaps in its timed HTTP server
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new IOException("the gateway was not ready after " + timeout + "; see " + log());
    }

    /** The key the first start creates for team {@code default}. */
    String initialApiKey() throws IOException {
        return Files.readString(directory.resolve("data/initial-api-key")).trim();
    }

    private Path log() {
        return directory.resolve("gateway.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        BenchFiles.deleteTree(directory);
    }
}
