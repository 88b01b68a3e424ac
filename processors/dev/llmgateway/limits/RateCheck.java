package dev.llmgateway.limits;

import io.github.bucket4j.ConsumptionProbe;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How one call fared against each of its rate limits. Either every limit gave what the call asked for (admitted),
 * or the limiter gave back whatever it had taken (refused).
 *
 * @param outcomes one per limit, in the order checked
 */
public record RateCheck(List<Outcome> outcomes) {

    public RateCheck {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * @param limit  the limit
     * @param amount what the call asked of it (1 request, or its reserved tokens)
     * @param probe  what the bucket said
     */
    public record Outcome(RateLimit limit, long amount, ConsumptionProbe probe) {

        public boolean taken() {
            return probe.isConsumed();
        }
    }

    public boolean admitted() {
        return outcomes.stream().allMatch(Outcome::taken);
    }

    /** @return the limits that refused, the longest wait first */
    public List<Outcome> refusals() {
        return outcomes.stream().filter(o -> !o.taken())
                .sorted(Comparator.comparingLong((Outcome o) -> o.probe().getNanosToWaitForRefill()).reversed())
                .toList();
    }

    /** @return the outcomes whose tokens the call holds (all of them once admitted) */
    public List<Outcome> taken() {
        return outcomes.stream().filter(Outcome::taken).toList();
    }

    /** @return what the buckets had left after this check, taking back what a refused check returned */
    public long remainingAfter(Outcome outcome) {
        long remaining = outcome.probe().getRemainingTokens();
        return outcome.taken() && !admitted() ? remaining + outcome.amount() : remaining;
    }

    /**
     * @return the outcome the client is told about for a dimension: the limit that refused, else the one with the
     *         least left; empty when no limit of that dimension applies
     */
    public Optional<Outcome> tightest(RateDimension dimension) {
        List<Outcome> ofDimension = outcomes.stream().filter(o -> o.limit().dimension() == dimension).toList();
        Optional<Outcome> refused = ofDimension.stream().filter(o -> !o.taken()).findFirst();
        return refused.isPresent() ? refused
                : ofDimension.stream().min(Comparator.comparingLong(this::remainingAfter));
    }

    /** @return whole seconds until every refusing limit has room again (at least 1) */
    public long retryAfterSeconds() {
        long nanos = refusals().stream().mapToLong(o -> o.probe().getNanosToWaitForRefill()).max().orElse(0);
        return Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000);
    }
}
