package dev.llmgateway.anthropic;

import java.util.List;

/**
 * The Anthropic {@code stop_sequence} of an answer: which of the request's stop sequences ended it. Converse says only
 * that one did (stop reason {@code stop_sequence}), so it is known when the request sent one; with several it stays
 * null, as for an answer that ended otherwise.
 */
public final class MatchedStopSequence {

    private MatchedStopSequence() {
    }

    public static String of(String stopReason, List<String> requested) {
        return "stop_sequence".equals(stopReason) && requested.size() == 1 ? requested.get(0) : null;
    }
}
