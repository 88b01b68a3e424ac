package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The emulated regions: unconfigured ones are healthy and spring into being on first use. */
final class RegionRegistry {
    private final Map<String, RegionState> regions = new ConcurrentHashMap<>();

    RegionState region(String name) {
        return regions.computeIfAbsent(name, n -> new RegionState(RegionBehaviour.healthy(), new RegionCounters()));
    }

    /** Replaces the behaviour (and so the quota window and fault dice) and keeps the counters. */
    void configure(String name, RegionBehaviour behaviour) {
        regions.compute(name, (n, old) -> new RegionState(behaviour, old == null ? new RegionCounters() : old.counters()));
    }

    /** Back to healthy regions with fresh counters. */
    void reset() {
        regions.clear();
    }

    EmulatorStats stats(String name) {
        RegionState state = regions.get(name);
        return state == null ? EmulatorStats.EMPTY : state.counters().snapshot();
    }

    /** @return the last Converse or ConverseStream request body the region received, or null */
    JsonNode lastConverseRequest(String name) {
        RegionState state = regions.get(name);
        return state == null ? null : state.counters().lastConverseRequest();
    }

    Map<String, EmulatorStats> allStats() {
        Map<String, EmulatorStats> all = new TreeMap<>();
        regions.forEach((name, state) -> all.put(name, state.counters().snapshot()));
        return all;
    }
}
