package dev.llmgateway.bedrock;

import dev.llmgateway.chat.Usage;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Bedrock's TokenUsage (Converse and ConverseStream) in the gateway's terms; counts Bedrock leaves out are zero. */
public final class ConverseUsage {

    private ConverseUsage() {
    }

    public static Usage of(TokenUsage usage) {
        if (usage == null) {
            return new Usage(0, 0);
        }
        return new Usage(orZero(usage.inputTokens()), orZero(usage.outputTokens()),
                orZero(usage.cacheReadInputTokens()), orZero(usage.cacheWriteInputTokens()));
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
