package dev.llmgateway.limits;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls in flight counted in this process (embedded storage: one instance). */
public final class LocalConcurrencyLimiter implements ConcurrencyLimiter {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    @Override
    public Optional<Slot> tryAcquire(String scopeKey, int limit) {
        AtomicInteger count = inFlight.computeIfAbsent(scopeKey, key -> new AtomicInteger());
        while (true) {
            int current = count.get();
            if (current >= limit) {
                return Optional.empty();
            }
            if (count.compareAndSet(current, current + 1)) {
                AtomicBoolean released = new AtomicBoolean();
                return Optional.of(() -> {
                    if (released.compareAndSet(false, true)) {
                        count.decrementAndGet();
                    }
                });
            }
        }
    }

    /** @return the calls of a scope in flight now */
    int inFlight(String scopeKey) {
        AtomicInteger count = inFlight.get(scopeKey);
        return count == null ? 0 : count.get();
    }

    @Override
    public boolean inMemory() {
        return true;
    }
}
