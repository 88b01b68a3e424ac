package dev.llmgateway.cache;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers from the semantic cache when it can. On a hit it gives the call the cached answer and a {@link CacheHit}
 * ({@link GatewayCall#answerFromCache}), so the route skips the upstream and the response writer
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
        GatewayCall call = GatewayCall.of(exchange);
        String team = call.team();
        CacheDirectives directives = CacheDirectives.read(exchange.getIn(), settings.thresholdFor(team),
                settings.minRequestThreshold());
        ChatRequest request = call.request();
        // A prompt the injection guard flagged is neither answered from the cache nor allowed to teach it; one with an
        // image or a PDF is not cached at all, as the semantic match would read its text and not what it shows; nor
        // is one with reasoning, whose answer carries signed reasoning blocks the next turn must send back.
        if (directives.noStore() || tooRandom(request) || call.injectionFlagged() || request.usesReasoning()
                || request.messages().stream().anyMatch(ChatMessage::carriesOpaqueContent)) {
            bypass(call);
            return;
        }
        CacheKey key;
        try {
            key = cache.keyOf(request, call.model(), team, call.template());
        } catch (InspectionBudgetExceededException e) {
            cache.countUninspectable();
            call.addResponseHeader(CACHE_HEADER, "miss");
            return;
        } catch (RuntimeException e) {
            cache.countError();
            LOG.warn("Semantic cache: the request could not be keyed, serving it uncached: {}", SemanticCache.failure(e));
            bypass(call);
            return;
        }
        if (directives.noCache()) {
            call.keep(new PendingStore(key, null));
            bypass(call);
            return;
        }
        LookupResult result = cache.lookup(key, directives.threshold(), call.kept(PromptEmbeddings.class));
        if (!result.hit()) {
            if (result.storable()) {
                call.keep(new PendingStore(key, result.vector()));
            }
            call.addResponseHeader(CACHE_HEADER, "miss");
            return;
        }
        CachedAnswer answer = result.answer();
        call.answerFromCache(new ChatResponse(answer.text(), answer.stopReason(), answer.usage(), null, answer.modelId()),
                new CacheHit(result.kind(), result.similarity(), answer.usage(), answer.modelId()));
        call.answeredBy(call.model());
        call.addResponseHeader(CACHE_HEADER, "hit");
        call.addResponseHeader(KIND_HEADER, result.kind().name().toLowerCase(Locale.ROOT));
        if (result.kind() == CacheHit.Kind.SEMANTIC) {
            call.addResponseHeader(SIMILARITY_HEADER,
                    String.format(Locale.ROOT, "%.3f", result.similarity()));
        }
    }

    private boolean tooRandom(ChatRequest request) {
        return request.temperature() != null && request.temperature() > settings.maxTemperature();
    }

    private void bypass(GatewayCall call) {
        cache.countBypass();
        call.addResponseHeader(CACHE_HEADER, "bypass");
    }
}
