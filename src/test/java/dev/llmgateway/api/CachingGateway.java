package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A test gateway with the semantic cache on, and what the cache's end-to-end tests ask of it. */
final class CachingGateway implements AutoCloseable {

    /** Where claude-3-haiku answers. */
    static final String CHAT_REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestGateway gateway;

    private CachingGateway(TestGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param settings more LLMGW_* settings. The lookup budget is generous unless they set it: this machine runs
     *                 other builds, and a slow lookup would be a (correct) miss.
     */
    static CachingGateway start(Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("LLMGW_CACHE_ENABLED", "true",
                "LLMGW_CACHE_LOOKUPBUDGETMS", "5000"));
        environment.putAll(settings);
        return new CachingGateway(TestGateway.start(environment));
    }

    TestGateway gateway() {
        return gateway;
    }

    /** A one-question OpenAI chat request (claude-3-haiku, temperature 0, max_tokens 200) with the given headers. */
    HttpResponse<String> ask(String question, Map<String, String> headers) {
        return chat("""
                {"model": "claude-3-haiku", "max_tokens": 200, "temperature": 0,
                 "messages": [{"role": "user", "content": %s}]}""".formatted(quoted(question)), headers);
    }

    /** An OpenAI chat request with the given body and headers (the default team's key unless they name another). */
    HttpResponse<String> chat(String body, Map<String, String> headers) {
        HttpRequest.Builder request = gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return gateway.send(request);
    }

    /** Stores happen after the answer is sent: sends the request and waits until the store it causes is done. */
    HttpResponse<String> storedAfter(Supplier<HttpResponse<String>> send) {
        long before = stats().stored();
        HttpResponse<String> response = send.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Eventually.until("the answer stored in the cache", () -> stats().stored() > before);
        return response;
    }

    CacheStats stats() {
        return gateway.camelContext().getRegistry().lookupByNameAndType("cacheStats", CacheStats.class);
    }

    /** Calls that reached the emulator's chat region. */
    long upstreamCalls() {
        return gateway.emulator().stats(CHAT_REGION).requestsReceived();
    }

    /** @return the value of a label-less counter on /observe/metrics */
    double metric(String name) {
        HttpResponse<String> scrape = gateway.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics")).GET());
        return PrometheusText.parse(scrape.body()).sum(name, Map.of());
    }

    static String cache(HttpResponse<String> response) {
        return response.headers().firstValue("x-llmgateway-cache").orElse("none");
    }

    static String content(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
    }

    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
