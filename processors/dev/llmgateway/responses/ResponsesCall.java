package dev.llmgateway.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;

/**
 * What a Responses call carries beside its chat request, kept on the call by the request reader for the writer, the
 * stream's format and the store.
 *
 * @param responseId   the response's id (resp_...), the gateway's own: a caller cannot choose it
 * @param createdAt    when the call arrived, in epoch seconds
 * @param echoed       the request's settings the response object repeats (instructions, tools, text, ...), in order
 * @param conversation the input items of this response: the stored conversation it follows, then the caller's input
 * @param store        whether the response is kept for previous_response_id, GET and DELETE
 */
public record ResponsesCall(String responseId, long createdAt, Map<String, Object> echoed, ArrayNode conversation,
                            boolean store) {

    /** The id of the response's output item at this index: its kind's prefix, the response's id, the index. */
    String itemId(String prefix, int outputIndex) {
        return prefix + responseId.substring(ResponseIds.PREFIX.length()) + "_" + outputIndex;
    }
}
