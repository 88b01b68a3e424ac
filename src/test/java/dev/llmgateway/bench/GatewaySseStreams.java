package dev.llmgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams through the gateway: OpenAI chat completions with {@code "stream": true}, read as server-sent events.
 */
final class GatewaySseStreams implements StreamStarter {

    private final HttpClient http = StreamStarter.http1Client();
    private final HttpRequest request;

    GatewaySseStreams(URI gateway, String apiKey) {
        String body = """
                {"model": "claude-3-haiku", "stream": true, "max_tokens": %d,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(StreamPrompt.OUTPUT_TOKENS, StreamPrompt.TEXT);
        request = StreamStarter.jsonPost(gateway.resolve("/v1/chat/completions"), body)
                .header("Authorization", "Bearer " + apiKey).build();
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
