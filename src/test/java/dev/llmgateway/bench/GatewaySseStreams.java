package dev.llmgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams through the gateway: OpenAI chat completions with {@code "stream": true}, read as server-sent events.
 * HTTP/1.1 like the OpenAI and Anthropic SDKs: the JDK client would otherwise upgrade to h2c, where Vert.x allows
 * only 100 concurrent streams per connection.
 */
final class GatewaySseStreams implements StreamStarter {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final HttpRequest request;

    GatewaySseStreams(URI gateway, String apiKey) {
        String body = """
                {"model": "claude-3-haiku", "stream": true, "max_tokens": %d,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(StreamPrompt.OUTPUT_TOKENS, StreamPrompt.TEXT);
        request = HttpRequest.newBuilder(gateway.resolve("/v1/chat/completions")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public CompletableFuture<StreamResult> start(long scheduledNanos) {
        AtomicInteger chunks = new AtomicInteger();
        long[] firstByte = {-1};
        boolean[] done = {false};
        return http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineCounter(line -> {
                    if (firstByte[0] < 0 && line.startsWith("data: ")) {
                        firstByte[0] = System.nanoTime() - scheduledNanos;
                    }
                    if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                        chunks.incrementAndGet();
                    }
                    if (line.equals("data: [DONE]")) {
                        done[0] = true;
                    }
                })))
                .thenApply(response -> new StreamResult(firstByte[0], chunks.get(), response.statusCode() == 200 && done[0]));
    }
}
