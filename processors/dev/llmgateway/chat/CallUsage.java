package dev.llmgateway.chat;

import java.math.BigDecimal;

/**
 * What a finished call used: the tokens the upstream reported (or, for a stream cut short, counted from what was
 * sent) and what they cost. An answer from the semantic cache used nothing upstream.
 */
public record CallUsage(long tokens, BigDecimal costUsd) {

    public static final CallUsage NOTHING = new CallUsage(0, BigDecimal.ZERO);
}
