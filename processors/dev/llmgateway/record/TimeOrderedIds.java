package dev.llmgateway.record;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of calls and their ledger entries that sort by when they were made (UUID version 7). The ledger indexes them;
 * random ids would land each insert on a random page of an index that outgrows the database's cache, ids in time
 * order on its last pages (the embedded database's CPU halved in a test of 450,000 inserts).
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator UUIDS = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /** @return a UUID in its usual form, 36 characters */
    public static String uuid() {
        return UUIDS.generate().toString();
    }

    /** @return a UUID as 32 hex digits, the form of the request ids the gateway gives */
    public static String compact() {
        return uuid().replace("-", "");
    }
}
