package dev.llmgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.Usage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

class ConverseUsageTest {

    @Test
    void promptCacheReadsAndWritesAreKept() {
        TokenUsage bedrock = TokenUsage.builder().inputTokens(120).outputTokens(40).totalTokens(2160)
                .cacheReadInputTokens(1500).cacheWriteInputTokens(500).build();

        assertThat(ConverseUsage.of(bedrock)).isEqualTo(new Usage(120, 40, 1500, 500));
    }

    @Test
    void countsBedrockLeavesOutAreZero() {
        TokenUsage withoutCache = TokenUsage.builder().inputTokens(12).outputTokens(3).totalTokens(15).build();

        assertThat(ConverseUsage.of(withoutCache)).isEqualTo(new Usage(12, 3, 0, 0));
        assertThat(ConverseUsage.of(null)).isEqualTo(new Usage(0, 0));
    }
}
