package dev.llmgateway.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Streams through the gateway: OpenAI chat completions with {@code "stream": true}, read as server-sent events.
 */
final class GatewaySseStreams implements StreamStarter {

    private final URI uri;
    private final String authorization;
    private final Buffer body;

    GatewaySseStreams(URI gateway, String apiKey) {
        uri = gateway.resolve("/v1/chat/completions");
        authorization = "Bearer " + apiKey;
        body = Buffer.buffer("""
                {"model": "claude-3-haiku", "stream": true, "max_tokens": %d,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(StreamPrompt.OUTPUT_TOKENS, StreamPrompt.TEXT));
    }

    @Override
    public CompletableFuture<StreamResult> start(long scheduledNanos) {
        return StreamStarter.post(uri, MultiMap.caseInsensitiveMultiMap().add("Authorization", authorization), body,
                new SseLines(scheduledNanos));
    }

    /** Counts the events that carry text, and times the first event. */
    private static final class SseLines implements BodyReader {

        private final long scheduledNanos;
        private final RecordParser lines = RecordParser.newDelimited("\n", this::line);
        private long firstByte = -1;
        private int chunks;
        private boolean done;

        SseLines(long scheduledNanos) {
            this.scheduledNanos = scheduledNanos;
        }

        @Override
        public void accept(Buffer piece) {
            lines.handle(piece);
        }

        private void line(Buffer line) {
            String text = line.toString();
            if (firstByte < 0 && text.startsWith("data: ")) {
                firstByte = System.nanoTime() - scheduledNanos;
            }
            if (text.contains("\"content\":\"") && !text.contains("\"content\":\"\"")) {
                chunks++;
            }
            if (text.equals("data: [DONE]")) {
                done = true;
            }
        }

        @Override
        public StreamResult end(int status) {
            return new StreamResult(firstByte, chunks, status == 200 && done);
        }
    }
}
