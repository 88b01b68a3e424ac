package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP server that speaks Bedrock Runtime's wire protocol (InvokeModel, InvokeModelWithResponseStream,
 * Converse, ConverseStream, CountTokens, ApplyGuardrail) well enough for the AWS SDK for Java v2, with emulated Claude
 * and Titan embedding models and per-region latency, quotas and faults. Runs on its own Vert.x instance,
 * bound to 127.0.0.1.
 */
public final class BedrockEmulator implements AutoCloseable {
    private static final long STARTUP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final RegionRegistry regions;
    private final GuardrailRegistry guardrails;
    private final int port;
    private final LongAdder connectionsOpened;

    private BedrockEmulator(Vertx vertx, RegionRegistry regions, GuardrailRegistry guardrails, int port,
                            LongAdder connectionsOpened) {
        this.vertx = vertx;
        this.regions = regions;
        this.guardrails = guardrails;
        this.port = port;
        this.connectionsOpened = connectionsOpened;
    }

    /** Starts listening on {@code port}, or on a free port when it is 0. */
    public static BedrockEmulator start(int port) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        RegionRegistry regions = new RegionRegistry();
        GuardrailRegistry guardrails = new GuardrailRegistry();
        LongAdder connectionsOpened = new LongAdder();
        try {
            List<EmulatorVerticle> instances = new CopyOnWriteArrayList<>();
            // Vert.x shares one random port among servers that ask for the same negative port.
            int requestedPort = port == 0 ? -1 : port;
            await(vertx.deployVerticle(() -> {
                EmulatorVerticle instance = new EmulatorVerticle(regions, guardrails, requestedPort, connectionsOpened);
                instances.add(instance);
                return instance;
            }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())));
            return new BedrockEmulator(vertx, regions, guardrails, instances.get(0).actualPort(), connectionsOpened);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://" + EmulatorVerticle.HOST + ":" + port);
    }

    /** Gives a region new behaviour from now on; its counters carry on. */
    public void configureRegion(String region, RegionBehaviour behaviour) {
        regions.configure(region, behaviour);
    }

    /** Defines (or replaces) a guardrail that ApplyGuardrail finds by its identifier, in every region. */
    public void defineGuardrail(String identifier, GuardrailDefinition guardrail) {
        guardrails.define(identifier, guardrail);
    }

    /** Makes every region healthy again and zeroes all counters. */
    public void resetRegions() {
        regions.reset();
    }

    public EmulatorStats stats(String region) {
        return regions.stats(region);
    }

    /**
     * @return the last Converse or ConverseStream request body the region received (what a gateway sent upstream),
     *         or null when it received none
     */
    public JsonNode lastConverseRequest(String region) {
        return regions.lastConverseRequest(region);
    }

    /** How many connections clients have opened to the emulator since it started. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Bedrock emulator: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Bedrock emulator did not start or stop in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
