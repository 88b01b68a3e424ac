package dev.llmgateway.emulator;

import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind {@link EmulatorStats}. */
final class RegionCounters {
    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder failedByInjectedFault = new LongAdder();
    private final LongAdder streamsStarted = new LongAdder();
    private final LongAdder streamsCompleted = new LongAdder();
    private final LongAdder streamsCancelledByClient = new LongAdder();
    private final LongAdder streamsBroken = new LongAdder();

    void requestReceived() {
        requestsReceived.increment();
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
