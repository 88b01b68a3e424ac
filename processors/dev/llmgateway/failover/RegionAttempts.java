package dev.llmgateway.failover;

import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.chat.UpstreamTrace;
import dev.llmgateway.model.FallbackFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's way through its model's regions, the same for plain calls and streams. Each round offers, in the
 * request's order, every region whose circuit breaker allows; a region that throttles, fails or times out hands over
 * to the next at once, a request the upstream refuses is not retried anywhere. When the model has fallbacks, the
 * round goes on with each fallback's regions once the model's own are spent (a fallback that cannot take the request
 * is skipped). After a round without an answer the caller waits (full-jitter backoff, the upstream's retry hint as a
 * floor) and goes round again from the first model, until the deadline.
 * Not thread-safe: a request uses it from one thread at a time.
 */
public final class RegionAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(RegionAttempts.class);

    /**
     * One model of the request's way: the requested one first, then its fallbacks.
     *
     * @param order the model's regions in this request's order
     * @param unfit why the model cannot take the request (it is skipped), or null
     */
    record Leg(ModelSpec model, List<ModelSpec.RegionTarget> order, FallbackFit.Unfit unfit) {
    }

    private final ModelSpec model;
    private final List<Leg> legs;
    private final RegionBreakers breakers;
    private final FullJitterBackoff backoff;
    /** How much earlier than the deadline a timeout may fire and still be the deadline's. */
    private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long deadlineNanos;
    private final UpstreamCallListener listener;
    private final UpstreamTrace trace;
    private final List<String> tried = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    /** Which legs this request has reported (its first call of a fallback is counted, a skip reported, once). */
    private final boolean[] reported;
    private int round = 1;
    private int legIndex;
    private int nextIndex;
    private boolean attemptedThisRound;
    private long hintMs;
    private GatewayException last;

    RegionAttempts(List<Leg> legs, RegionBreakers breakers, FullJitterBackoff backoff, long deadlineMs,
                   UpstreamCallListener listener, UpstreamTrace trace) {
        this.model = legs.get(0).model();
        this.legs = legs;
        this.breakers = breakers;
        this.backoff = backoff;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        this.listener = listener;
        this.trace = trace;
        this.reported = new boolean[legs.size()];
        this.reported[0] = true;
    }

    /** Lets the call follow the regions tried and the waits made between rounds, in milliseconds. */
    public void exposeOn(GatewayCall call) {
        call.trackRegions(tried, delays);
    }

    /** @return the next region to call in this round, or empty when the round is over (then {@link #endRound()}) */
    public Optional<Attempt> next() {
        while (legIndex < legs.size()) {
            Leg leg = legs.get(legIndex);
            if (leg.unfit() != null && firstReport()) {
                LOG.info("Model {} did not answer; skipping its fallback {}: {}", model.alias(), leg.model().alias(),
                        leg.unfit().detail());
                listener.fallbackSkipped(model.alias(), leg.model().alias(), leg.unfit().reason());
            }
            while (leg.unfit() == null && nextIndex < leg.order().size()) {
                ModelSpec.RegionTarget target = leg.order().get(nextIndex++);
                RegionBreaker breaker = breakers.of(target.region(), target.modelId());
                long remainingNanos = deadlineNanos - System.nanoTime();
                if (remainingNanos > 0 && breaker.tryAcquirePermission()) {
                    attemptedThisRound = true;
                    tried.add(target.region());
                    if (firstReport()) {
                        LOG.debug("Model {} did not answer in any region; falling back to {}", model.alias(),
                                leg.model().alias());
                        listener.fellBack(model.alias(), leg.model().alias());
                    }
                    return Optional.of(new Attempt(leg.model(), target, breaker, remainingNanos));
                }
            }
            legIndex++;
            nextIndex = 0;
        }
        return Optional.empty();
    }

    /**
     * A request's first call of a fallback, or its skip, is reported once: every region before it has failed,
     * throttled or is paused by then.
     *
     * @return whether the current leg is to be reported now
     */
    private boolean firstReport() {
        if (reported[legIndex]) {
            return false;
        }
        reported[legIndex] = true;
        return true;
    }

    /**
     * Closes a round in which no region answered.
     *
     * @return how long to wait before the next round, in milliseconds
     * @throws GatewayException what the client is told when no further round fits before the deadline, or when
     *                          every region was paused from the start
     */
    public long endRound() {
        if (!attemptedThisRound && last == null) {
            throw allRegionsPaused();
        }
        long delay = backoff.delayMs(round, hintMs);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
            throw exhausted(delay);
        }
        delays.add(delay);
        round++;
        legIndex = 0;
        nextIndex = 0;
        attemptedThisRound = false;
        hintMs = 0;
        return delay;
    }

    /** One call to one region: report how it went so the region's breaker learns from it. */
    public final class Attempt {

        private final ModelSpec model;
        private final ModelSpec.RegionTarget target;
        private final RegionBreaker breaker;
        private final long remainingNanos;
        private final long startNanos = System.nanoTime();
        private final UpstreamTrace.Attempt traced;

        private Attempt(ModelSpec model, ModelSpec.RegionTarget target, RegionBreaker breaker, long remainingNanos) {
            this.model = model;
            this.target = target;
            this.breaker = breaker;
            this.remainingNanos = remainingNanos;
            this.traced = trace.attempt(model, target);
        }

        /** @return the model called: the requested one, or a fallback */
        public ModelSpec model() {
            return model;
        }

        public ModelSpec.RegionTarget target() {
            return target;
        }

        /** @return the time left before the request's deadline when the attempt began, for the call's timeout */
        public long remainingNanos() {
            return remainingNanos;
        }

        /** @return how long the call took, from the attempt's start to the answer, in nanoseconds */
        public long answered() {
            long elapsed = System.nanoTime() - startNanos;
            breaker.succeeded(elapsed);
            listener.answered(target.region(), target.modelId());
            traced.answered();
            return elapsed;
        }

        /** The call was given up before the region answered (the client left): it tells nothing about the region. */
        public void abandoned() {
            breaker.releasePermission();
            traced.abandoned();
        }

        /** The stream this region answered has ended; {@code error} is what it ended with, or null. */
        public void streamEnded(StreamOutcome outcome, GatewayException error) {
            traced.streamEnded(outcome, error);
        }

        /**
         * Records a failed call. Returns when another region may answer; throws when none would.
         *
         * @throws GatewayException      the request's own fault (a refused request), as the client is told
         * @throws IllegalStateException a failure that is not an upstream error
         */
        public void failed(Throwable failure) {
            long elapsed = System.nanoTime() - startNanos;
            listener.failed(target.region(), target.modelId(), failure);
            GatewayException mapped = UpstreamErrors.toGatewayException(failure);
            traced.failed(mapped);
            if (mapped == null || !isRegional(mapped)) {
                breaker.succeeded(elapsed);
                throw mapped != null ? mapped : new IllegalStateException("Bedrock call failed", failure);
            }
            if (mapped.status() == 504 && elapsed + DEADLINE_SLACK_NANOS >= remainingNanos) {
                // Cut short by the request's deadline, not by the region: it tells nothing about the region, and the
                // client is told what the regions said before (a throttled request stays a 429, not a 504).
                breaker.releasePermission();
                if (last == null) {
                    last = mapped;
                }
                return;
            }
            breaker.failed(elapsed, mapped);
            last = mapped;
            hintMs = Math.max(hintMs, UpstreamErrors.retryHintMs(failure));
        }
    }

    /** Throttling, unavailability, upstream errors and timeouts are the region's trouble; another may answer. */
    private static boolean isRegional(GatewayException failure) {
        return failure.status() == 429 || failure.status() >= 500;
    }

    /** The models a request goes through and their regions, for the client: "model 'a' [...] and its fallback ...". */
    private String described() {
        List<Leg> servable = legs.stream().filter(leg -> leg.unfit() == null).toList();
        StringBuilder text = new StringBuilder("model '").append(model.alias()).append("' ").append(regions(model));
        for (int i = 1; i < servable.size(); i++) {
            text.append(i == 1 ? servable.size() > 2 ? " and its fallbacks " : " and its fallback " : ", ");
            text.append('\'').append(servable.get(i).model().alias()).append("' ")
                    .append(regions(servable.get(i).model()));
        }
        return text.toString();
    }

    private static String regions(ModelSpec model) {
        return model.targets().stream().map(ModelSpec.RegionTarget::region).toList().toString();
    }

    private GatewayException exhausted(long nextDelayMs) {
        if (last.status() == 429) {
            long retryAfter = seconds(nextDelayMs);
            return new GatewayException(429, "rate_limit_error", last.code(), "Every region of " + described()
                    + " is throttling; retry after " + retryAfter + " s. Last: " + last.getMessage(),
                    Map.of("Retry-After", Long.toString(retryAfter)), last);
        }
        return new GatewayException(last.status(), last.type(), last.code(), "No region of " + described()
                + " answered before the deadline. Last: " + last.getMessage(), last.headers(), last);
    }

    /** Every breaker is open: the regions' last failures say whether this is throttling (429) or an outage (503). */
    private GatewayException allRegionsPaused() {
        List<RegionBreaker> paused = legs.stream().filter(leg -> leg.unfit() == null)
                .flatMap(leg -> leg.order().stream()).map(t -> breakers.of(t.region(), t.modelId())).toList();
        long retryAfter = seconds(paused.stream().mapToLong(RegionBreaker::msUntilTrial).min().orElse(0));
        Map<String, String> headers = Map.of("Retry-After", Long.toString(retryAfter));
        if (paused.stream().allMatch(RegionBreaker::lastFailureThrottled)) {
            return new GatewayException(429, "rate_limit_error", "all_regions_throttled", "Every region of "
                    + described() + " was throttling and is paused; retry after " + retryAfter + " s.", headers, null);
        }
        return new GatewayException(503, "upstream_error", "all_regions_unavailable", "Every region of "
                + described() + " failed recently and is paused; retry after " + retryAfter + " s.", headers, null);
    }

    private static long seconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }
}
