package dev.llmgateway.guard.injection;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the guard's decisions per family, e.g. "blocked.role_spoofing", for the gateway to expose as metrics. */
public class InjectionCounters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void increment(String decision, String family) {
        counts.computeIfAbsent(decision + "." + family, k -> new LongAdder()).increment();
    }

    /** @return a snapshot of every counter, sorted by name */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
