package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.chat.Usage;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After the upstream answered, queues the answer to be stored when it may be: the lookup allowed it, the answer is
 * complete (a stream that finished, a model that stopped on its own or at a stop sequence; answers cut by max_tokens
 * only when configured), not empty, and from the model the request named: a fallback's answer is not kept under
 * that model's key, where it would answer later requests as that model's. Returns at once; the store happens in the
 * background. Runs before PII is restored, so a team that redacts keeps placeholders, not values, in the cache.
 */
public class CacheStoreProcessor implements Processor {

    private static final Set<String> COMPLETE = Set.of("end_turn", "stop_sequence");
    private static final Set<String> TRUNCATED = Set.of("max_tokens", "model_context_window_exceeded");

    private final SemanticCache cache;
    private final CacheSettings settings;

    public CacheStoreProcessor(SemanticCache cache, CacheSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        PendingStore pending = call.kept(PendingStore.class);
        ChatResponse response = call.responseOrNull();
        StreamOutcome streamOutcome = call.streamOutcome();
        if (pending == null || response == null || exchange.getException() != null
                || streamOutcome != null && streamOutcome != StreamOutcome.COMPLETED
                || response.text() == null || response.text().isBlank() || !storable(response.stopReason())
                || call.fallbackFrom() != null) {
            return;
        }
        // a hit reads nothing from Bedrock's prompt cache: the whole prompt is what the answer took as input
        Usage usage = new Usage(response.usage().promptTokens(), response.usage().outputTokens());
        cache.storeLater(pending.key(), pending.vector(),
                new CachedAnswer(response.text(), response.stopReason(), usage, response.modelId()));
    }

    private boolean storable(String stopReason) {
        return COMPLETE.contains(stopReason) || settings.cacheTruncated() && TRUNCATED.contains(stopReason);
    }
}
