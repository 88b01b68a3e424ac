package dev.llmgateway.metrics;

import dev.llmgateway.failover.RegionBreaker;
import dev.llmgateway.failover.RegionBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One gauge per circuit breaker (region and model id) and state: 1 for the state the breaker is in, 0 for the
 * others, read from the breaker at each scrape.
 */
public final class BreakerStateGauges {

    private static final CircuitBreaker.State[] STATES = {
            CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN};

    private BreakerStateGauges() {
    }

    /** @param modelIdsByRegion every region a model is configured in, with the model ids called there */
    public static void register(MeterRegistry registry, RegionBreakers breakers, Map<String, Set<String>> modelIdsByRegion) {
        modelIdsByRegion.forEach((region, modelIds) -> modelIds.forEach(modelId -> {
            RegionBreaker breaker = breakers.of(region, modelId);
            for (CircuitBreaker.State state : STATES) {
                Gauge.builder("llmgateway.circuit.breaker.state", breaker, b -> b.state() == state ? 1 : 0)
                        .description("1 when the region's breaker for the model is in this state")
                        .tags("region", region, "model_id", modelId, "state", state.name().toLowerCase(Locale.ROOT))
                        .strongReference(true)
                        .register(registry);
            }
        }));
    }
}
