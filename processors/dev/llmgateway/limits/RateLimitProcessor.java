package dev.llmgateway.limits;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.PromptTokenCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Admits a call within its team's and its API key's rate limits (and, for batch traffic, the team's batch share):
 * one request and the call's reserved tokens (prompt estimate plus max_tokens) per minute, and a concurrency slot.
 * The x-ratelimit-* headers go out with every answer; a call past a limit is refused with 429 and Retry-After and
 * nothing is sent upstream. What an admitted call holds is settled by the {@link ReservationSettler} once it is over.
 */
public class RateLimitProcessor implements Processor {

    private final LimitPolicy policy;
    private final RateLimiter limiter;
    private final ConcurrencyLimiter concurrency;

    public RateLimitProcessor(LimitPolicy policy, RateLimiter limiter, ConcurrencyLimiter concurrency) {
        this.policy = policy;
        this.limiter = limiter;
        this.concurrency = concurrency;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        Caller caller = call.caller();
        PromptTokenCount count = call.promptTokens();
        KeyLimits keyOwn = new KeyLimits(caller.keyRequestsPerMinute(), caller.keyTokensPerMinute(), null);
        List<RateScope> scopes = RateScope.of(policy, caller.team(), caller.keyId(), keyOwn,
                BatchTraffic.isBatch(call));
        List<RateLimit> limits = scopes.stream().flatMap(scope -> scope.rateLimits().stream()).toList();
        long tokens = count.reservedTokens();
        refuseIfNeverAdmissible(limits, count);

        RateCheck check = LimitsUnavailable.guard("rate limits", () -> limiter.admit(limits, tokens));
        RateLimitHeaders.of(check).forEach(call::addResponseHeader);
        if (!check.admitted()) {
            throw rateLimited(check, count);
        }
        List<ConcurrencyLimiter.Slot> slots = LimitsUnavailable.guard("concurrency limits",
                () -> takeSlots(scopes, check));
        if (!check.taken().isEmpty() || !slots.isEmpty()) {
            call.hold(new RateReservation(limiter, check.taken(), tokens, slots,
                    limiter.inMemory() && concurrency.inMemory()));
        }
    }

    /** @return a slot of every scope with a concurrency limit; when one is full, none (and the check given back) */
    private List<ConcurrencyLimiter.Slot> takeSlots(List<RateScope> scopes, RateCheck check) {
        List<ConcurrencyLimiter.Slot> slots = new ArrayList<>();
        try {
            for (RateScope scope : scopes) {
                if (scope.concurrentRequests() != null) {
                    slots.add(concurrency.tryAcquire(scope.key(), scope.concurrentRequests())
                            .orElseThrow(() -> tooManyInFlight(scope)));
                }
            }
            return slots;
        } catch (RuntimeException e) {
            slots.forEach(ConcurrencyLimiter.Slot::release);
            limiter.giveBack(check.taken());
            throw e;
        }
    }

    /** A call reserving more tokens than a per-minute limit holds would wait forever: say so instead. */
    private static void refuseIfNeverAdmissible(List<RateLimit> limits, PromptTokenCount count) {
        for (RateLimit limit : limits) {
            if (limit.dimension() == RateDimension.TOKENS && count.reservedTokens() > limit.perMinute()) {
                throw GatewayException.invalidRequest("request_exceeds_tokens_per_minute", "This call reserves "
                        + tokens(count.reservedTokens()) + " tokens (prompt " + tokens(count.promptTokens())
                        + " + max_tokens " + tokens(count.maxOutputTokens()) + "), more than the limit of "
                        + limit.scope() + " of " + tokens(limit.perMinute()) + " tokens per minute. Lower max_tokens or "
                        + "shorten the prompt.");
            }
        }
    }

    private static GatewayException rateLimited(RateCheck check, PromptTokenCount count) {
        RateCheck.Outcome refusal = check.refusals().get(0);
        RateLimit limit = refusal.limit();
        long retryAfter = check.retryAfterSeconds();
        String what = limit.dimension() == RateDimension.REQUESTS
                ? tokens(limit.perMinute()) + " requests per minute"
                : tokens(limit.perMinute()) + " tokens per minute (this call reserves " + tokens(count.reservedTokens())
                        + ": prompt " + tokens(count.promptTokens()) + " + max_tokens " + tokens(count.maxOutputTokens())
                        + "; " + tokens(refusal.probe().getRemainingTokens()) + " are left)";
        return new GatewayException(429, "rate_limit_error", limit.dimension().word() + "_per_minute_exceeded",
                "Rate limit reached for " + limit.scope() + ": " + what + ". Retry after " + retryAfter + " s.",
                Map.of("Retry-After", Long.toString(retryAfter)), null);
    }

    private static GatewayException tooManyInFlight(RateScope scope) {
        return new GatewayException(429, "rate_limit_error", "concurrent_requests_exceeded",
                "Concurrency limit reached for " + scope.description() + ": " + scope.concurrentRequests()
                        + " calls in flight at once. Retry when one of them has finished.",
                Map.of("Retry-After", "1"), null);
    }

    private static String tokens(long amount) {
        return String.format(Locale.ROOT, "%,d", amount);
    }
}
