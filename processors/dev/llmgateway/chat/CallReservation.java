package dev.llmgateway.chat;

/** Something taken before a call (rate-limit tokens, a concurrency slot, budget) and settled once the call is over. */
public interface CallReservation {

    /** @param usage what the call really used (nothing, when it was refused or failed before the upstream answered) */
    void settle(CallUsage usage);

    /** @return whether settling touches only this process's memory; then it runs before the answer goes out */
    boolean inMemory();
}
