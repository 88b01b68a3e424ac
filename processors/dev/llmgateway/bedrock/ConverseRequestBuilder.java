package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Turns a chat request into the Bedrock Converse request for one model id (the failover builds one per region it
 * tries). {@link #check} refuses what Converse would refuse, before the call reserves limits and budget.
 */
public final class ConverseRequestBuilder {

    private static final double CLAUDE_MAX_TEMPERATURE = 1.0;

    private ConverseRequestBuilder() {
    }

    /** Refuses (400) a request Converse would refuse for these models. */
    public static void check(ChatRequest request) {
        if (request.temperature() != null && request.temperature() > CLAUDE_MAX_TEMPERATURE) {
            throw GatewayException.invalidRequest("invalid_value", "temperature " + request.temperature()
                    + " is out of range for Claude models, which accept 0 to 1.");
        }
        List<ChatMessage> conversation = request.conversation();
        if (conversation.isEmpty() || conversation.get(0).role() != ChatRole.USER) {
            throw GatewayException.invalidRequest("invalid_value",
                    "The conversation must start with a user message (after any system messages).");
        }
    }

    public static ConverseRequest build(ChatRequest request, String modelId) {
        return ConverseRequest.builder()
                .modelId(modelId)
                .system(system(request))
                .messages(turns(request.conversation()))
                .inferenceConfig(inference(request))
                .build();
    }

    public static ConverseStreamRequest buildStream(ChatRequest request, String modelId) {
        return ConverseStreamRequest.builder()
                .modelId(modelId)
                .system(system(request))
                .messages(turns(request.conversation()))
                .inferenceConfig(inference(request))
                .build();
    }

    private static List<SystemContentBlock> system(ChatRequest request) {
        return request.systemMessages().stream().map(m -> SystemContentBlock.fromText(m.content())).toList();
    }

    private static InferenceConfiguration inference(ChatRequest request) {
        InferenceConfiguration.Builder inference = InferenceConfiguration.builder()
                .maxTokens(request.maxTokens())
                .temperature(request.temperature() == null ? null : request.temperature().floatValue())
                .topP(request.topP() == null ? null : request.topP().floatValue());
        if (!request.stop().isEmpty()) {
            inference.stopSequences(request.stop());
        }
        return inference.build();
    }

    /**
     * Bedrock wants a conversation that starts with the user ({@link #check}) and alternates: consecutive turns of one
     * role merge.
     */
    private static List<Message> turns(List<ChatMessage> conversation) {
        List<Message> turns = new ArrayList<>();
        ChatRole currentRole = null;
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : conversation) {
            if (message.role() != currentRole && currentRole != null) {
                turns.add(turn(currentRole, text.toString()));
                text.setLength(0);
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(message.content());
            currentRole = message.role();
        }
        turns.add(turn(currentRole, text.toString()));
        return turns;
    }

    private static Message turn(ChatRole role, String text) {
        return Message.builder()
                .role(role == ChatRole.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(text))
                .build();
    }
}
