package dev.llmgateway.limits;

import dev.llmgateway.chat.GatewayCall;

/**
 * Which calls are batch traffic, which may use only {@code limits.batchShare} of its team's rates: calls with the
 * feature {@value #FEATURE}, and calls a batch route marks ({@link GatewayCall#markBatch()}).
 */
public final class BatchTraffic {

    /** The feature tag of batch traffic. */
    public static final String FEATURE = "batch";

    private BatchTraffic() {
    }

    public static boolean isBatch(GatewayCall call) {
        return FEATURE.equals(call.caller().feature()) || call.batchMarked();
    }
}
