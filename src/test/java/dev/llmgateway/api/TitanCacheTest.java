package dev.llmgateway.api;

import static dev.llmgateway.api.CachingGateway.cache;
import static dev.llmgateway.api.CachingGateway.content;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.Eventually;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache with Titan Text Embeddings v2 (camel-aws-bedrock's invokeEmbeddingsModel) against the emulator,
 * over HTTP. The embeddings come from a region no chat model uses, so the embedder can fail or be slow on its own:
 * either way the request is answered by the model, as a miss, and the metrics count why.
 */
class TitanCacheTest {

    private static final String EMBEDDINGS_REGION = "eu-west-3";
    private static final long BUDGET_MS = 2_000;
    private static CachingGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = CachingGateway.start(Map.of("LLMGW_CACHE_EMBEDDER", "titan",
                "LLMGW_CACHE_TITAN_REGION", EMBEDDINGS_REGION, "LLMGW_CACHE_TITAN_DIMENSIONS", "256",
                "LLMGW_CACHE_LOOKUPBUDGETMS", Long.toString(BUDGET_MS)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void healthyEmbeddings() {
        gateway.gateway().emulator().resetRegions();
    }

    @Test
    void titanEmbeddingsMatchRequestsExactlyAndSemantically() throws Exception {
        long embeddings = embeddingCalls();
        HttpResponse<String> first = gateway.storedAfter(() ->
                gateway.ask("What is the boiling point of water at sea level?", Map.of()));
        assertThat(cache(first)).isEqualTo("miss");
        assertThat(embeddingCalls()).isGreaterThan(embeddings);
        long upstreamCalls = gateway.upstreamCalls();

        HttpResponse<String> exact = gateway.ask("What is the boiling point of water at sea level?", Map.of());
        HttpResponse<String> semantic = gateway.ask("what is the boiling point of water at sea level", Map.of());

        assertThat(exact.headers().firstValue("x-llmgateway-cache-kind")).hasValue("exact");
        assertThat(cache(semantic)).isEqualTo("hit");
        assertThat(semantic.headers().firstValue("x-llmgateway-cache-kind")).hasValue("semantic");
        assertThat(content(semantic)).isEqualTo(content(first));
        assertThat(gateway.upstreamCalls()).isEqualTo(upstreamCalls);
    }

    @Test
    void aFailingEmbedderIsACountedMiss() throws Exception {
        storeAnAnswerToCompareWith();
        gateway.gateway().emulator().configureRegion(EMBEDDINGS_REGION,
                RegionBehaviour.builder().failureRate(BedrockError.INTERNAL_SERVER, 1.0).build());
        double errors = gateway.metric("llmgateway_cache_errors_total");
        long upstreamCalls = gateway.upstreamCalls();

        HttpResponse<String> response = gateway.ask("How many moons does Mars have?", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cache(response)).isEqualTo("miss");
        assertThat(content(response)).isNotBlank();
        assertThat(gateway.upstreamCalls()).isEqualTo(upstreamCalls + 1);
        assertThat(Eventually.get(() -> gateway.metric("llmgateway_cache_errors_total"), n -> n > errors))
                .isGreaterThan(errors);
    }

    @Test
    void anEmbedderOverTheLookupBudgetIsACountedMiss() throws Exception {
        storeAnAnswerToCompareWith();
        gateway.gateway().emulator().configureRegion(EMBEDDINGS_REGION,
                RegionBehaviour.builder().firstByteLatencyMs(3 * BUDGET_MS).build());
        double timeouts = gateway.metric("llmgateway_cache_timeouts_total");
        long upstreamCalls = gateway.upstreamCalls();

        HttpResponse<String> response = gateway.ask("How many rings does Saturn have?", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cache(response)).isEqualTo("miss");
        assertThat(gateway.upstreamCalls()).isEqualTo(upstreamCalls + 1);
        assertThat(gateway.metric("llmgateway_cache_timeouts_total")).isEqualTo(timeouts + 1);
    }

    /** A lookup embeds the question only where the partition holds an answer it could match. */
    private static void storeAnAnswerToCompareWith() {
        gateway.storedAfter(() -> gateway.ask("Which planet has the most moons? (" + UUID.randomUUID() + ")",
                Map.of()));
    }

    private static long embeddingCalls() {
        return gateway.gateway().emulator().stats(EMBEDDINGS_REGION).requestsReceived();
    }
}
