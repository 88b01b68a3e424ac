package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.structured.StructuredAnswers;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * Turns a chat request into the Bedrock Converse request for one model id (the failover builds one per region it
 * tries). {@link #check} refuses what Converse would refuse, before the call reserves limits and budget.
 */
public final class ConverseRequestBuilder {

    private static final double MAX_TEMPERATURE = 1.0;

    private ConverseRequestBuilder() {
    }

    /** Refuses (400) a request Converse would refuse for this model. */
    public static void check(ChatRequest request, ModelSpec model) {
        if (request.temperature() != null && request.temperature() > MAX_TEMPERATURE) {
            throw GatewayException.invalidRequest("invalid_value", "temperature " + request.temperature()
                    + " is out of range for Bedrock models, which accept 0 to 1.");
        }
        List<ChatMessage> conversation = request.conversation();
        if (conversation.isEmpty() || conversation.get(0).role() != ChatRole.USER) {
            throw GatewayException.invalidRequest("invalid_value",
                    "The conversation must start with a user message (after any system messages).");
        }
        ToolCalls.check(request, StructuredAnswers.bedrockNative(model, request.responseFormat()));
        MediaLimits.check(request);
        CachePoints.check(request);
        AdditionalModelFields.check(request, model);
        ReasoningRules.check(request, model);
    }

    /** @param modelId the model id or inference profile of the region called */
    public static ConverseRequest build(ChatRequest request, ModelSpec model, String modelId) {
        boolean nativeSchema = StructuredAnswers.bedrockNative(model, request.responseFormat());
        return ConverseRequest.builder()
                .modelId(modelId)
                .system(system(request))
                .messages(turns(request.conversation()))
                .inferenceConfig(inference(request))
                .toolConfig(ToolCalls.config(request, nativeSchema))
                .outputConfig(nativeSchema ? outputConfig(request.responseFormat()) : null)
                .additionalModelRequestFields(AdditionalModelFields.of(request, model))
                .build();
    }

    /** @param modelId the model id or inference profile of the region called */
    public static ConverseStreamRequest buildStream(ChatRequest request, ModelSpec model, String modelId) {
        boolean nativeSchema = StructuredAnswers.bedrockNative(model, request.responseFormat());
        return ConverseStreamRequest.builder()
                .modelId(modelId)
                .system(system(request))
                .messages(turns(request.conversation()))
                .inferenceConfig(inference(request))
                .toolConfig(ToolCalls.config(request, nativeSchema))
                .outputConfig(nativeSchema ? outputConfig(request.responseFormat()) : null)
                .additionalModelRequestFields(AdditionalModelFields.of(request, model))
                .build();
    }

    /** Bedrock's own structured output: the answer is JSON text of the schema. */
    private static OutputConfig outputConfig(ResponseFormat format) {
        if (format == null) {
            return null;
        }
        return OutputConfig.builder().textFormat(OutputFormat.builder().type(OutputFormatType.JSON_SCHEMA)
                .structure(OutputFormatStructure.fromJsonSchema(JsonSchemaDefinition.builder().name(format.name())
                        .schema(format.schema().toString()).build()))
                .build()).build();
    }

    /** A text block per system message (a cache point splits one in two), and a cachePoint where one was asked. */
    private static List<SystemContentBlock> system(ChatRequest request) {
        List<SystemContentBlock> system = new ArrayList<>();
        for (ChatMessage message : request.systemMessages()) {
            List<dev.llmgateway.chat.ContentBlock> texts = new ArrayList<>();
            for (dev.llmgateway.chat.ContentBlock block : message.blocks()) {
                if (block instanceof dev.llmgateway.chat.ContentBlock.CachePoint point) {
                    if (!texts.isEmpty()) {
                        system.add(SystemContentBlock.fromText(new ChatMessage(ChatRole.SYSTEM, texts).content()));
                        texts = new ArrayList<>();
                    }
                    system.add(SystemContentBlock.fromCachePoint(CachePoints.of(point)));
                } else {
                    texts.add(block);
                }
            }
            if (!texts.isEmpty()) {
                system.add(SystemContentBlock.fromText(new ChatMessage(ChatRole.SYSTEM, texts).content()));
            }
        }
        return system;
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
     * role merge (their texts joined by a blank line, so tool results and the text after them share one user turn).
     */
    private static List<Message> turns(List<ChatMessage> conversation) {
        List<Message> turns = new ArrayList<>();
        ChatRole currentRole = null;
        List<ContentBlock> blocks = new ArrayList<>();
        for (ChatMessage message : conversation) {
            if (message.role() != currentRole && currentRole != null) {
                turns.add(turn(currentRole, blocks));
                blocks = new ArrayList<>();
            }
            for (dev.llmgateway.chat.ContentBlock block : message.blocks()) {
                add(blocks, block);
            }
            currentRole = message.role();
        }
        turns.add(turn(currentRole, blocks));
        return turns;
    }

    private static void add(List<ContentBlock> blocks, dev.llmgateway.chat.ContentBlock block) {
        if (block instanceof dev.llmgateway.chat.ContentBlock.Text text) {
            int last = blocks.size() - 1;
            if (last >= 0 && blocks.get(last).text() != null) {
                blocks.set(last, ContentBlock.fromText(blocks.get(last).text() + "\n\n" + text.text()));
            } else {
                blocks.add(ContentBlock.fromText(text.text()));
            }
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.ToolUse use) {
            blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(use.id()).name(use.name())
                    .input(Documents.of(use.input())).build()));
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.ToolResult result) {
            blocks.add(ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(result.toolUseId())
                    .content(ToolResultContentBlock.fromText(result.content()))
                    .status(result.error() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS).build()));
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.Image image) {
            blocks.add(ContentBlock.fromImage(ImageBlock.builder().format(image.format())
                    .source(ImageSource.fromBytes(SdkBytes.fromByteArray(image.bytes()))).build()));
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.Document document) {
            blocks.add(ContentBlock.fromDocument(DocumentBlock.builder().format(document.format()).name(document.name())
                    .source(DocumentSource.fromBytes(SdkBytes.fromByteArray(document.bytes()))).build()));
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.ImageLink) {
            throw new IllegalStateException("An image link reached the Converse request unfetched: the chain lacks its "
                    + "remoteImages step.");
        } else if (block instanceof dev.llmgateway.chat.ContentBlock.CachePoint point) {
            blocks.add(ContentBlock.fromCachePoint(CachePoints.of(point)));
        } else {
            blocks.add(ReasoningBlocks.toConverse(block));
        }
    }

    private static Message turn(ChatRole role, List<ContentBlock> blocks) {
        return Message.builder()
                .role(role == ChatRole.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(blocks)
                .build();
    }
}
