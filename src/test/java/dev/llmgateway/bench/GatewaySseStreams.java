package dev.llmgateway.bench;

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
        return StreamStarter.post(uri, authorization, body, new SseLines(scheduledNanos));
    }

    /** Server-sent events: each {@code data:} line is an event; those with text are chunks; {@code [DONE]} ends. */
    private static final class SseLines extends BodyReader {

        private final RecordParser lines = RecordParser.newDelimited("\n", this::line);

        SseLines(long scheduledNanos) {
            super(scheduledNanos);
        }

        @Override
        void accept(Buffer piece) {
            lines.handle(piece);
        }

        private void line(Buffer line) {
            String text = line.toString();
            if (text.startsWith("data: ")) {
                event();
            }
            if (text.contains("\"content\":\"") && !text.contains("\"content\":\"\"")) {
                textChunk();
            }
            if (text.equals("data: [DONE]")) {
                endedCleanly();
            }
        }
    }
}
