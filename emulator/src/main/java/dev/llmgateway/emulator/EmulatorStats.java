package dev.llmgateway.emulator;

/** A snapshot of one region's counters. */
public record EmulatorStats(long requestsReceived, long throttled, long failedByInjectedFault, long streamsStarted,
                            long streamsCompleted, long streamsCancelledByClient, long streamsBroken) {

    public static final EmulatorStats EMPTY = new EmulatorStats(0, 0, 0, 0, 0, 0, 0);
}
