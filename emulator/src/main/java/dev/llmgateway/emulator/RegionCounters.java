package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind {@link EmulatorStats}, and the last Converse request the region received. */
final class RegionCounters {
    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder failedByInjectedFault = new LongAdder();
    private final LongAdder streamsStarted = new LongAdder();
    private final LongAdder streamsCompleted = new LongAdder();
    private final LongAdder streamsCancelledByClient = new LongAdder();
    private final LongAdder streamsBroken = new LongAdder();
    private volatile JsonNode lastConverseRequest;

    void requestReceived() {
        requestsReceived.increment();
    }

    /** @param body a Converse or ConverseStream request body, as the region read it */
    void converseReceived(JsonNode body) {
        lastConverseRequest = body;
    }

    JsonNode lastConverseRequest() {
        return lastConverseRequest;
    }

    void throttled() {
        throttled.increment();
    }

    void failedByInjectedFault() {
        failedByInjectedFault.increment();
    }

    void streamStarted() {
        streamsStarted.increment();
    }

    void streamCompleted() {
        streamsCompleted.increment();
    }

    void streamCancelledByClient() {
        streamsCancelledByClient.increment();
    }

    void streamBroken() {
        streamsBroken.increment();
    }

    EmulatorStats snapshot() {
        return new EmulatorStats(requestsReceived.sum(), throttled.sum(), failedByInjectedFault.sum(), streamsStarted.sum(),
                streamsCompleted.sum(), streamsCancelledByClient.sum(), streamsBroken.sum());
    }
}
