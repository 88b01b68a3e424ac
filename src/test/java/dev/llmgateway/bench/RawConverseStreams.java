package dev.llmgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: ConverseStream straight to the emulator (us-east-1, as the gateway's first region), read as raw
 * event-stream messages by the same JDK HTTP/1.1 client the gateway path uses, so that the difference between the
 * two is the gateway's. (The AWS SDK's async client, decoding and dispatching every event on the cores this client
 * shares, was slower than the whole gateway path at 1,000 streams, which made the gateway's "added" time negative.)
 */
final class RawConverseStreams implements StreamStarter {

    private final HttpClient http = StreamStarter.http1Client();
    private final HttpRequest request;

    RawConverseStreams(URI emulator) {
        String body = """
                {"messages": [{"role": "user", "content": [{"text": "%s"}]}], "inferenceConfig": {"maxTokens": %d}}"""
                .formatted(StreamPrompt.TEXT, StreamPrompt.OUTPUT_TOKENS);
        request = StreamStarter.jsonPost(emulator.resolve("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"),
                        body)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261205/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .build();
    }

    @Override
    public CompletableFuture<StreamResult> start(long scheduledNanos) {
        AtomicInteger chunks = new AtomicInteger();
        long[] firstByte = {-1};
        boolean[] stopped = {false};
        return http.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(new EventStreamMessages(event -> {
                    if (firstByte[0] < 0) {
                        firstByte[0] = System.nanoTime() - scheduledNanos;
                    }
                    switch (event) {
                        case "contentBlockDelta" -> chunks.incrementAndGet();
                        case "messageStop" -> stopped[0] = true;
                        default -> {
                        }
                    }
                })))
                .thenApply(response -> new StreamResult(firstByte[0], chunks.get(),
                        response.statusCode() == 200 && stopped[0]));
    }
}
