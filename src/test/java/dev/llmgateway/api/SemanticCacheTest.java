package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The semantic cache in both chat routes, over HTTP, in front of the emulator. */
class SemanticCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static TestGateway gateway;
    private static String paymentsKey;
    private static String analyticsKey;

    @BeforeAll
    static void start() throws Exception {
        // A generous budget: this machine runs other builds, and a slow lookup would be a (correct) miss here.
        gateway = TestGateway.start(Map.of("LLMGW_CACHE_ENABLED", "true", "LLMGW_CACHE_LOOKUPBUDGETMS", "5000"));
        ApiKeys keys = new ApiKeys(gateway.application().database().dataSource());
        paymentsKey = keys.create("payments", "cache test", null).secret();
        analyticsKey = keys.create("analytics", "cache test", null).secret();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRepeatedRequestIsAnExactHitThatNeverReachesTheUpstream() throws Exception {
        HttpResponse<String> first = storedAfter(() -> openAi("What is the tallest building in Dubai?", Map.of()));
        assertThat(first.headers().firstValue("x-llmgateway-cache")).hasValue("miss");
        long upstreamCalls = upstreamCalls();

        HttpResponse<String> second = openAi("What is the tallest building in Dubai?", Map.of());

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
        assertThat(second.headers().firstValue("x-llmgateway-cache-kind")).hasValue("exact");
        assertThat(upstreamCalls()).isEqualTo(upstreamCalls);
        assertThat(content(second)).isEqualTo(content(first));
        assertThat(JSON.readTree(second.body()).at("/usage/completion_tokens").asInt())
                .isEqualTo(JSON.readTree(first.body()).at("/usage/completion_tokens").asInt());
    }

    @Test
    void aParaphraseIsASemanticHitWithItsSimilarity() throws Exception {
        HttpResponse<String> first = storedAfter(() -> openAi("How do I reset my password?", Map.of()));
        long upstreamCalls = upstreamCalls();

        HttpResponse<String> paraphrase = openAi("How can I reset my password?", Map.of());

        assertThat(paraphrase.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
        assertThat(paraphrase.headers().firstValue("x-llmgateway-cache-kind")).hasValue("semantic");
        assertThat(Double.parseDouble(paraphrase.headers().firstValue("x-llmgateway-cache-similarity").orElseThrow()))
                .isBetween(0.92, 1.0);
        assertThat(content(paraphrase)).isEqualTo(content(first));
        assertThat(upstreamCalls()).isEqualTo(upstreamCalls);
    }

    @Test
    void aNearMissIsAMissThoughItsSimilarityPassesTheThreshold() throws Exception {
        storedAfter(() -> openAi("Give me 5 ideas for a birthday party.", Map.of()));
        long upstreamCalls = upstreamCalls();
        long refused = stats().nearMissesRefused();

        HttpResponse<String> nearMiss = openAi("Give me 10 ideas for a birthday party.", Map.of());

        assertThat(nearMiss.headers().firstValue("x-llmgateway-cache")).hasValue("miss");
        assertThat(content(nearMiss)).contains("10");
        assertThat(upstreamCalls()).isEqualTo(upstreamCalls + 1);
        assertThat(stats().nearMissesRefused()).isEqualTo(refused + 1);
    }

    @Test
    void aStreamedHitIsReplayedInSeveralChunks() throws Exception {
        String question = "Summarize why rivers flood in spring and how levees change the river bed over the years.";
        HttpResponse<String> first = storedAfter(() -> openAi(question, Map.of()));
        long streams = gateway.emulator().stats(REGION).streamsStarted();

        HttpResponse<String> streamed = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "max_tokens": 200, "temperature": 0, "stream": true,
                 "stream_options": {"include_usage": true}, "messages": [{"role": "user", "content": "%s"}]}"""
                .formatted(question));

        assertThat(streamed.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(streamed.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
        List<String> events = dataLines(streamed.body());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<String> deltas = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            String delta = JSON.readTree(event).at("/choices/0/delta/content").asText("");
            if (!delta.isEmpty()) {
                deltas.add(delta);
            }
        }
        assertThat(deltas).hasSizeGreaterThan(2);
        assertThat(String.join("", deltas)).isEqualTo(content(first));
        assertThat(JSON.readTree(events.get(events.size() - 2)).at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(gateway.emulator().stats(REGION).streamsStarted()).isEqualTo(streams);
    }

    @Test
    void aCompletedStreamIsStoredAndAnAnthropicRequestHitsInItsOwnShape() throws Exception {
        String body = """
                {"model": "claude-3-haiku", "max_tokens": 300, "stream": %s,
                 "messages": [{"role": "user", "content": "Name three uses of copper in houses."}]}""";
        HttpResponse<String> streamed = storedAfter(() -> gateway.post("/v1/messages", body.formatted(true)));
        assertThat(streamed.headers().firstValue("x-llmgateway-cache")).hasValue("miss");

        HttpResponse<String> json = gateway.post("/v1/messages", body.formatted(false));

        assertThat(json.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
        JsonNode message = JSON.readTree(json.body());
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/text").asText()).contains("copper");
        assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");

        HttpResponse<String> replayed = gateway.post("/v1/messages", body.formatted(true));
        assertThat(replayed.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
        assertThat(replayed.body()).contains("event: message_start", "event: content_block_delta", "event: message_stop");
    }

    @Test
    void noCacheSkipsTheLookupButStoresTheAnswer() throws Exception {
        String question = "Which metal is used in most electrical wiring?";
        storedAfter(() -> openAi(question, Map.of()));
        long upstreamCalls = upstreamCalls();

        HttpResponse<String> fresh = openAi(question, Map.of("Cache-Control", "no-cache"));
        assertThat(fresh.headers().firstValue("x-llmgateway-cache")).hasValue("bypass");
        assertThat(upstreamCalls()).isEqualTo(upstreamCalls + 1);

        storedAfter(() -> openAi("Why do pipes freeze in winter?", Map.of("Cache-Control", "no-cache")));
        assertThat(openAi("Why do pipes freeze in winter?", Map.of()).headers().firstValue("x-llmgateway-cache"))
                .hasValue("hit");
    }

    @Test
    void noStoreNeitherServesNorStores() throws Exception {
        String question = "What is the melting point of tin?";
        HttpResponse<String> first = openAi(question, Map.of("Cache-Control", "no-store"));
        assertThat(first.headers().firstValue("x-llmgateway-cache")).hasValue("bypass");
        // stores run in order: once this one is done, one the no-store request had queued would be too
        storedAfter(() -> openAi("What is the melting point of lead?", Map.of()));

        HttpResponse<String> second = openAi(question, Map.of());

        assertThat(second.headers().firstValue("x-llmgateway-cache")).hasValue("miss");
    }

    @Test
    void anotherTeamDoesNotGetTheEntry() throws Exception {
        String question = "What is our policy on remote work?";
        storedAfter(() -> openAi(question, Map.of("Authorization", "Bearer " + paymentsKey)));

        assertThat(openAi(question, Map.of("Authorization", "Bearer " + analyticsKey)).headers()
                .firstValue("x-llmgateway-cache")).hasValue("miss");
        assertThat(openAi(question, Map.of("Authorization", "Bearer " + paymentsKey)).headers()
                .firstValue("x-llmgateway-cache")).hasValue("hit");
    }

    @Test
    void aThresholdHeaderIsValidatedAndApplied() throws Exception {
        HttpResponse<String> invalid = openAi("How tall is Mount Fuji?", Map.of("x-llmgateway-cache-threshold", "high"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).at("/error/code").asText()).isEqualTo("invalid_cache_threshold");
        assertThat(JSON.readTree(invalid.body()).at("/error/message").asText()).contains("from 0.8 to 1");
        assertThat(openAi("How tall is Mount Fuji?", Map.of("x-llmgateway-cache-threshold", "1.5")).statusCode())
                .isEqualTo(400);

        storedAfter(() -> openAi("How do I boil an egg?", Map.of()));
        HttpResponse<String> strict = openAi("How can I boil an egg?", Map.of("x-llmgateway-cache-threshold", "0.999"));
        assertThat(strict.statusCode()).isEqualTo(200);
        assertThat(strict.headers().firstValue("x-llmgateway-cache")).hasValue("miss");
    }

    @Test
    void aHotTemperatureBypassesTheCache() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "temperature": 0.9,
                 "messages": [{"role": "user", "content": "Write a surprising opening line for a novel."}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-llmgateway-cache")).hasValue("bypass");
    }

    @Test
    void anExpiredEntryIsNotServed() throws Exception {
        try (TestGateway shortLived = TestGateway.start(Map.of("LLMGW_CACHE_ENABLED", "true",
                "LLMGW_CACHE_LOOKUPBUDGETMS", "5000", "LLMGW_CACHE_TTLSECONDS", "1"))) {
            String body = """
                    {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "What is a haiku?"}]}""";
            shortLived.post("/v1/chat/completions", body);
            CacheStats stats = shortLived.camelContext().getRegistry().lookupByNameAndType("cacheStats", CacheStats.class);
            awaitStores(stats, 1);
            Thread.sleep(1_200);

            HttpResponse<String> after = shortLived.post("/v1/chat/completions", body);

            assertThat(after.headers().firstValue("x-llmgateway-cache")).hasValue("miss");
            assertThat(shortLived.emulator().stats(REGION).requestsReceived()).isEqualTo(2);
        }
    }

    private static HttpResponse<String> openAi(String question, Map<String, String> headers) {
        HttpRequest.Builder request = gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "max_tokens": 200, "temperature": 0,
                         "messages": [{"role": "user", "content": "%s"}]}""".formatted(question)));
        headers.forEach(request::setHeader);
        HttpResponse<String> response = gateway.send(request);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
        return response;
    }

    private static String content(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
    }

    private static long upstreamCalls() {
        return gateway.emulator().stats(REGION).requestsReceived();
    }

    private static CacheStats stats() {
        return gateway.camelContext().getRegistry().lookupByNameAndType("cacheStats", CacheStats.class);
    }

    /** Stores happen after the answer is sent: sends the request and waits until the store it causes is done. */
    private static HttpResponse<String> storedAfter(Supplier<HttpResponse<String>> send) throws InterruptedException {
        long before = stats().stored();
        HttpResponse<String> response = send.get();
        awaitStores(stats(), before + 1);
        return response;
    }

    private static void awaitStores(CacheStats stats, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stats.stored() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stats.stored()).as("answers stored").isGreaterThanOrEqualTo(atLeast);
    }

    private static List<String> dataLines(String body) {
        return body.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }
}
