package dev.llmgateway.record;

/** Something that wants each finished call: the cost ledger, the request log, metrics, budget reconciliation. */
@FunctionalInterface
public interface CallRecordListener {

    /** Called once per call on the thread that finished it: do no blocking work here, hand it off. */
    void recorded(CallRecord record);

    /** What {@link CallRecorder} calls; override it to see what was said too (the request log's bodies). */
    default void recorded(CallRecord record, CallContent content) {
        recorded(record);
    }
}
