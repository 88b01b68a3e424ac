package dev.llmgateway.responses;

import dev.llmgateway.record.TimeOrderedIds;

/** The ids of stored responses: the gateway's own (never the caller's request id), in time order for the index. */
final class ResponseIds {

    static final String PREFIX = "resp_";
    static final String MESSAGE_PREFIX = "msg_";
    static final String FUNCTION_CALL_PREFIX = "fc_";

    private ResponseIds() {
    }

    static String next() {
        return PREFIX + TimeOrderedIds.compact();
    }
}
