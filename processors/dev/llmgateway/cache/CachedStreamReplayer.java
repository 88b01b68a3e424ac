package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.stream.SseFormat;
import dev.llmgateway.stream.SseResponses;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Sends a cached answer to a client that asked for a stream: the same events a live answer has (in the API's
 * {@link SseFormat}), the text in several deltas of a few words, all written at once.
 */
public class CachedStreamReplayer implements Processor {

    static final int WORDS_PER_DELTA = 3;

    private final SseFormat format;
    private final String idPrefix;

    /**
     * @param format   the API shape of the events
     * @param idPrefix prefix of the response id before the request id (chatcmpl-, msg_)
     */
    public CachedStreamReplayer(SseFormat format, String idPrefix) {
        this.format = format;
        this.idPrefix = idPrefix;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        ChatResponse answer = call.response();
        String requestId = call.requestId();
        SseFormat.StreamMeta meta = new SseFormat.StreamMeta(idPrefix + requestId, requestId, request.model(),
                Instant.now().getEpochSecond(), answer.usage().inputTokens(), request.includeUsage(), request.stop());
        SseFormat format = this.format.forCall(call);
        HttpServerResponse response = exchange.getIn(HttpMessage.class).getResponse();
        SseResponses.open(response, call);
        response.write(format.start(meta));
        for (String delta : deltas(answer.text())) {
            response.write(format.delta(meta, delta));
        }
        response.end(format.finish(meta, answer.stopReason(), answer.usage(), 0));
    }

    /**
     * The text cut into pieces of a few words, each keeping the whitespace before it, like a model's deltas. One pass
     * over the text: a word is the whitespace before it and a run of anything else ({@code \s*\S+}).
     */
    static List<String> deltas(CharSequence text) {
        List<String> deltas = new ArrayList<>();
        StringBuilder delta = new StringBuilder();
        int inDelta = 0;
        int end = 0;
        int length = text.length();
        while (true) {
            int wordStart = end;
            while (wordStart < length && isSpace(text.charAt(wordStart))) {
                wordStart++;
            }
            if (wordStart == length) {
                break;
            }
            int wordEnd = wordStart + 1;
            while (wordEnd < length && !isSpace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            delta.append(text, end, wordEnd);
            end = wordEnd;
            if (++inDelta == WORDS_PER_DELTA) {
                deltas.add(delta.toString());
                delta.setLength(0);
                inDelta = 0;
            }
        }
        delta.append(text, end, length);
        if (!delta.isEmpty()) {
            deltas.add(delta.toString());
        }
        return deltas;
    }

    /** java.util.regex's {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
