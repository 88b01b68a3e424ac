package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ContentBlock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;

/** The model's reasoning blocks to and from Converse's {@code reasoningContent}, text and signature untouched. */
public final class ReasoningBlocks {

    private ReasoningBlocks() {
    }

    /** @return the Converse block of a {@link ContentBlock.Reasoning} or {@link ContentBlock.RedactedReasoning} */
    static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock toConverse(ContentBlock block) {
        ReasoningContentBlock reasoning = block instanceof ContentBlock.RedactedReasoning redacted
                ? ReasoningContentBlock.fromRedactedContent(SdkBytes.fromByteArray(redacted.data()))
                : ReasoningContentBlock.fromReasoningText(of((ContentBlock.Reasoning) block));
        return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(reasoning);
    }

    private static ReasoningTextBlock of(ContentBlock.Reasoning reasoning) {
        return ReasoningTextBlock.builder().text(reasoning.text()).signature(reasoning.signature()).build();
    }

    /** @return the reasoning blocks of a Converse answer, in their order */
    static List<ContentBlock> fromConverse(
            List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> content) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (var block : content) {
            ReasoningContentBlock reasoning = block.reasoningContent();
            if (reasoning == null) {
                continue;
            }
            if (reasoning.redactedContent() != null) {
                blocks.add(new ContentBlock.RedactedReasoning(reasoning.redactedContent().asByteArray()));
            } else if (reasoning.reasoningText() != null) {
                blocks.add(new ContentBlock.Reasoning(reasoning.reasoningText().text(),
                        reasoning.reasoningText().signature()));
            }
        }
        return blocks;
    }
}
