package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.stream.SseFormat;
import dev.llmgateway.stream.SseResponses;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Sends a cached answer to a client that asked for a stream: the same events a live answer has (in the API's
 * {@link SseFormat}), the text in several deltas of a few words, all written at once.
 */
public class CachedStreamReplayer implements Processor {

    static final int WORDS_PER_DELTA = 3;
    private static final Pattern WORD_WITH_SPACE = Pattern.compile("\\s*\\S+");

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
        ChatRequest request = GatewayExchange.chatRequest(exchange);
        ChatResponse answer = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
        SseFormat.StreamMeta meta = new SseFormat.StreamMeta(idPrefix + requestId, requestId, request.model(),
                Instant.now().getEpochSecond(), answer.usage().inputTokens(), request.includeUsage());
        HttpServerResponse response = exchange.getIn(HttpMessage.class).getResponse();
        SseResponses.open(response, exchange, requestId);
        response.write(format.start(meta));
        for (String delta : deltas(answer.text())) {
            response.write(format.delta(meta, delta));
        }
        response.end(format.finish(meta, answer.stopReason(), answer.usage()));
    }

    /** The text cut into pieces of a few words, each keeping the whitespace before it, like a model's deltas. */
    static List<String> deltas(String text) {
        List<String> deltas = new ArrayList<>();
        Matcher words = WORD_WITH_SPACE.matcher(text);
        StringBuilder delta = new StringBuilder();
        int inDelta = 0;
        int end = 0;
        while (words.find()) {
            delta.append(words.group());
            end = words.end();
            if (++inDelta == WORDS_PER_DELTA) {
                deltas.add(delta.toString());
                delta.setLength(0);
                inDelta = 0;
            }
        }
        delta.append(text.substring(end));
        if (!delta.isEmpty()) {
            deltas.add(delta.toString());
        }
        return deltas;
    }
}
