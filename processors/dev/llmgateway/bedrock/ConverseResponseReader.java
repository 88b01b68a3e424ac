package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import java.util.List;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Reads what camel-aws-bedrock's converse operation left on a message into a {@link ChatResponse}. */
public final class ConverseResponseReader {

    private ConverseResponseReader() {
    }

    /** @return the answer the converse operation left on a message, from the given region and model id */
    public static ChatResponse read(Message message, String region, String modelId) {
        TokenUsage usage = message.getHeader(BedrockConstants.CONVERSE_USAGE, TokenUsage.class);
        var output = message.getHeader(BedrockConstants.CONVERSE_OUTPUT_MESSAGE,
                software.amazon.awssdk.services.bedrockruntime.model.Message.class);
        return new ChatResponse(message.getBody(String.class),
                message.getHeader(BedrockConstants.CONVERSE_STOP_REASON, String.class),
                ConverseUsage.of(usage), region, modelId, output == null ? List.of() : toolUses(output),
                output == null ? List.of() : ReasoningBlocks.fromConverse(output.content()));
    }

    private static List<ContentBlock.ToolUse> toolUses(
            software.amazon.awssdk.services.bedrockruntime.model.Message output) {
        return output.content().stream().filter(block -> block.toolUse() != null)
                .map(block -> new ContentBlock.ToolUse(block.toolUse().toolUseId(), block.toolUse().name(),
                        Documents.json(block.toolUse().input())))
                .toList();
    }
}
