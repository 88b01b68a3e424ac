package dev.llmgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;

/** The gateway's counters and what each counts (Prometheus shows it as HELP and appends _total to the name). */
final class Meters {

    static final String REQUESTS = "llmgateway.requests";
    static final String TOKENS = "llmgateway.tokens";
    static final String COST = "llmgateway.cost.usd";
    static final String CACHE_HITS = "llmgateway.cache.hits";
    static final String CACHE_MISSES = "llmgateway.cache.misses";
    static final String CACHE_SAVED = "llmgateway.cache.saved.usd";
    static final String UPSTREAM_CALLS = "llmgateway.upstream.calls";
    static final String UPSTREAM_THROTTLES = "llmgateway.upstream.throttles";
    static final String UPSTREAM_ERRORS = "llmgateway.upstream.errors";
    static final String MODEL_FALLBACKS = "llmgateway.model.fallbacks";
    static final String MODEL_FALLBACKS_SKIPPED = "llmgateway.model.fallbacks.skipped";
    static final String INJECTION = "llmgateway.guard.injection";
    static final String UNTRUSTED_CONTENT = "llmgateway.guard.untrusted.content";
    static final String PII_REDACTIONS = "llmgateway.guard.pii.redactions";
    static final String TOKEN_LIMITS = "llmgateway.guard.token.limits";
    static final String GUARDRAILS = "llmgateway.guard.guardrails";
    static final String BUDGET_ALERTS = "llmgateway.budget.alerts";

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry(REQUESTS, "Finished calls by status and outcome (ok or the error code)"),
            Map.entry(TOKENS, "Tokens billed, in (prompt), out (answer), cache_read and cache_write "
                    + "(prompt tokens read from and written to Bedrock's prompt cache)"),
            Map.entry(COST, "What the calls cost, in US dollars, from the price table"),
            Map.entry(CACHE_HITS, "Calls the gateway's cache answered, by kind (exact, semantic)"),
            Map.entry(CACHE_MISSES, "Calls answered by the model rather than the cache"),
            Map.entry(CACHE_SAVED, "What cache hits saved, in US dollars: the cost of the calls they replaced"),
            Map.entry(UPSTREAM_CALLS, "Calls to a Bedrock region (every failover attempt, every stream) by outcome"),
            Map.entry(UPSTREAM_THROTTLES, "Calls a Bedrock region throttled (429)"),
            Map.entry(UPSTREAM_ERRORS, "Calls a Bedrock region failed (5xx, timeouts)"),
            Map.entry(MODEL_FALLBACKS, "Requests that called a fallback model after every region of the model "
                    + "before it failed, throttled or was paused, by the model asked for and the fallback"),
            Map.entry(MODEL_FALLBACKS_SKIPPED, "Fallback models passed over because they cannot take the request, "
                    + "by reason (unsupported_capability, context_window, max_output)"),
            Map.entry(INJECTION, "Prompt-injection guard decisions by family"),
            Map.entry(UNTRUSTED_CONTENT, "Requests whose tool results, documents or quoted files carried instructions, "
                    + "by decision and source"),
            Map.entry(PII_REDACTIONS, "Values replaced by placeholders before the prompt went upstream, by type"),
            Map.entry(TOKEN_LIMITS, "Prompts refused for being over a limit, and max_tokens clamped, by reason"),
            Map.entry(GUARDRAILS, "Bedrock guardrail checks of prompts and answers, by decision"),
            Map.entry(BUDGET_ALERTS, "Budget alerts raised (once per budget, threshold and month across instances)"));

    private Meters() {
    }

    static Counter counter(MeterRegistry registry, String name, Tags tags) {
        return Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry);
    }
}
