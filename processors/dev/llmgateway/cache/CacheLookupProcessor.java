package dev.llmgateway.cache;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import dev.llmgateway.guard.injection.InjectionGuardProcessor;
import dev.llmgateway.guard.injection.InjectionVerdict;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the semantic cache when it can. On a hit it puts the cached answer in {@link GatewayExchange#CHAT_RESPONSE}
 * and a {@link CacheHit} in {@link GatewayExchange#CACHE_HIT}, so the route skips the upstream and the response writer
 * (or the stream replayer) sends it; on a miss it leaves what {@link CacheStoreProcessor} needs to store the answer.
 * Sets {@code x-llmgateway-cache: hit|miss|bypass}, and on hits the kind and similarity. Only an invalid threshold
 * header fails the request (400); anything else going wrong is a miss. A query that cannot be read within its
 * inspection budget is a miss whose answer is not stored.
 */
public class CacheLookupProcessor implements Processor {

    public static final String CACHE_HEADER = "x-llmgateway-cache";
    public static final String KIND_HEADER = "x-llmgateway-cache-kind";
    public static final String SIMILARITY_HEADER = "x-llmgateway-cache-similarity";
    private static final Logger LOG = LoggerFactory.getLogger(CacheLookupProcessor.class);

    private final SemanticCache cache;
    private final CacheSettings settings;

    public CacheLookupProcessor(SemanticCache cache, CacheSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    @Override
    public void process(Exchange exchange) {
        String team = GatewayExchange.team(exchange) == null ? "default" : GatewayExchange.team(exchange);
        CacheDirectives directives = CacheDirectives.read(exchange.getIn(), settings.thresholdFor(team),
                settings.minRequestThreshold());
        ChatRequest request = GatewayExchange.chatRequest(exchange);
        if (directives.noStore() || tooRandom(request) || flagged(exchange)) {
            bypass(exchange);
            return;
        }
        CacheKey key;
        try {
            key = cache.keyOf(request, GatewayExchange.model(exchange), GatewayExchange.team(exchange),
                    exchange.getProperty(GatewayExchange.TEMPLATE, String.class));
        } catch (InspectionBudgetExceededException e) {
            cache.countUninspectable();
            GatewayExchange.addResponseHeader(exchange, CACHE_HEADER, "miss");
            return;
        } catch (RuntimeException e) {
            cache.countError();
            LOG.warn("Semantic cache: the request could not be keyed, serving it uncached: {}", SemanticCache.failure(e));
            bypass(exchange);
            return;
        }
        if (directives.noCache()) {
            exchange.setProperty(PendingStore.PROPERTY, new PendingStore(key, null));
            bypass(exchange);
            return;
        }
        LookupResult result = cache.lookup(key, directives.threshold());
        if (!result.hit()) {
            if (result.storable()) {
                exchange.setProperty(PendingStore.PROPERTY, new PendingStore(key, result.vector()));
            }
            GatewayExchange.addResponseHeader(exchange, CACHE_HEADER, "miss");
            return;
        }
        CachedAnswer answer = result.answer();
        exchange.setProperty(GatewayExchange.CHAT_RESPONSE, new ChatResponse(answer.text(), answer.stopReason(),
                answer.usage(), null, answer.modelId()));
        exchange.setProperty(GatewayExchange.CACHE_HIT, new CacheHit(result.kind(), result.similarity(), answer.usage(),
                answer.modelId()));
        GatewayExchange.addResponseHeader(exchange, CACHE_HEADER, "hit");
        GatewayExchange.addResponseHeader(exchange, KIND_HEADER, result.kind().name().toLowerCase(Locale.ROOT));
        if (result.kind() == CacheHit.Kind.SEMANTIC) {
            GatewayExchange.addResponseHeader(exchange, SIMILARITY_HEADER,
                    String.format(Locale.ROOT, "%.3f", result.similarity()));
        }
    }

    private boolean tooRandom(ChatRequest request) {
        return request.temperature() != null && request.temperature() > settings.maxTemperature();
    }

    /** A prompt the injection guard flagged is neither answered from the cache nor allowed to teach it. */
    private static boolean flagged(Exchange exchange) {
        InjectionVerdict verdict = exchange.getProperty(InjectionGuardProcessor.INJECTION_VERDICT, InjectionVerdict.class);
        return verdict != null && verdict.injection();
    }

    private void bypass(Exchange exchange) {
        cache.countBypass();
        GatewayExchange.addResponseHeader(exchange, CACHE_HEADER, "bypass");
    }
}
