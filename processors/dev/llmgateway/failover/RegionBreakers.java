package dev.llmgateway.failover;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One Resilience4j circuit breaker per region and model id, shared by every request of this instance. */
public final class RegionBreakers {

    private final CircuitBreakerRegistry registry;
    private final long openMs;
    private final Map<String, RegionBreaker> breakers = new ConcurrentHashMap<>();

    public RegionBreakers(FailoverSettings settings) {
        this.openMs = settings.breakerOpenMs();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(Duration.ofMillis(settings.breakerOpenMs()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    public RegionBreaker of(String region, String modelId) {
        String name = region + "/" + modelId;
        return breakers.computeIfAbsent(name, n -> new RegionBreaker(registry.circuitBreaker(n), openMs));
    }
}
