package dev.llmgateway.bench;

import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: ConverseStream straight to the emulator (us-east-1, as the gateway's first region), read as raw
 * event-stream messages by the same HTTP/1.1 client the gateway path uses, so that the difference between the
 * two is the gateway's. (The AWS SDK's async client, decoding and dispatching every event on the cores this client
 * shares, was slower than the whole gateway path at 1,000 streams, which made the gateway's "added" time negative.)
 */
final class RawConverseStreams implements StreamStarter {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 "
            + "Credential=AKIDBENCH/20261205/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=0";

    private final URI uri;
    private final Buffer body;

    RawConverseStreams(URI emulator) {
        uri = emulator.resolve("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        body = Buffer.buffer("""
                {"messages": [{"role": "user", "content": [{"text": "%s"}]}], "inferenceConfig": {"maxTokens": %d}}"""
                .formatted(StreamPrompt.TEXT, StreamPrompt.OUTPUT_TOKENS));
    }

    @Override
    public CompletableFuture<StreamResult> start(long scheduledNanos) {
        return StreamStarter.post(uri, AUTHORIZATION, body, new Events(scheduledNanos));
    }

    /** Event-stream messages: each is an event; contentBlockDelta ones are chunks; messageStop ends. */
    private static final class Events extends BodyReader {

        private final EventStreamMessages messages = new EventStreamMessages(this::message);

        Events(long scheduledNanos) {
            super(scheduledNanos);
        }

        @Override
        void accept(Buffer piece) {
            messages.feed(piece.getBytes());
        }

        private void message(String type) {
            event();
            switch (type) {
                case "contentBlockDelta" -> textChunk();
                case "messageStop" -> endedCleanly();
                default -> {
                }
            }
        }
    }
}
