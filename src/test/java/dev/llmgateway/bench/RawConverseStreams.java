package dev.llmgateway.bench;

import io.vertx.core.MultiMap;
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
        return StreamStarter.post(uri, MultiMap.caseInsensitiveMultiMap().add("Authorization", AUTHORIZATION), body,
                new Events(scheduledNanos));
    }

    /** Counts the text deltas, and times the first message. */
    private static final class Events implements BodyReader {

        private final long scheduledNanos;
        private final EventStreamMessages messages = new EventStreamMessages(this::event);
        private long firstByte = -1;
        private int chunks;
        private boolean stopped;

        Events(long scheduledNanos) {
            this.scheduledNanos = scheduledNanos;
        }

        @Override
        public void accept(Buffer piece) {
            messages.feed(piece.getBytes());
        }

        private void event(String type) {
            if (firstByte < 0) {
                firstByte = System.nanoTime() - scheduledNanos;
            }
            switch (type) {
                case "contentBlockDelta" -> chunks++;
                case "messageStop" -> stopped = true;
                default -> {
                }
            }
        }

        @Override
        public StreamResult end(int status) {
            return new StreamResult(firstByte, chunks, status == 200 && stopped);
        }
    }
}
