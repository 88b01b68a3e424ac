package dev.llmgateway.ledger;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.record.TimeOrderedIds;

/**
 * A call record on its way to the ledger table, with the id it is stored under: given once, kept through the spool,
 * so writing it again changes nothing.
 */
record LedgerEntry(String entryId, CallRecord record) {

    static LedgerEntry of(CallRecord record) {
        return new LedgerEntry(TimeOrderedIds.uuid(), record);
    }
}
