package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.structured.AnswerSchema;
import dev.llmgateway.structured.StructuredAnswers;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;

/** A request's tools as Converse's toolConfig, and the rules Converse sets on tool calls in a conversation. */
final class ToolCalls {

    private ToolCalls() {
    }

    /**
     * Refuses (400) tools and tool turns Converse would refuse, naming what is wrong.
     *
     * @param nativeSchema whether the model takes a response format natively, not as a forced tool
     */
    static void check(ChatRequest request, boolean nativeSchema) {
        if (request.responseFormat() != null) {
            if (!request.tools().isEmpty() && !nativeSchema) {
                throw GatewayException.invalidRequest("unsupported_parameter", "A response format together with tools "
                        + "needs a model with Bedrock's own structured output (GET /v1/models lists it as "
                        + "structuredOutput): for this one structured output is a forced tool call, which rules out "
                        + "the model's choice among your tools. Send one or the other, or choose such a model.");
            }
            AnswerSchema.of(request.responseFormat());
        }
        Set<String> names = new HashSet<>();
        for (ToolSpec tool : request.tools()) {
            if (!names.add(tool.name())) {
                throw GatewayException.invalidRequest("invalid_value", "Two tools are named '" + tool.name()
                        + "'; tool names must be unique.");
            }
        }
        ToolChoice choice = request.toolChoice();
        if (choice != null && choice.kind() == ToolChoice.Kind.TOOL && !names.contains(choice.name())) {
            throw GatewayException.invalidRequest("invalid_value", "The tool choice names '" + choice.name()
                    + "', which is not one of the tools sent.");
        }
        boolean toolTurns = request.messages().stream().anyMatch(ChatMessage::usesTools);
        if (toolTurns && request.tools().isEmpty()) {
            throw GatewayException.invalidRequest("invalid_value", "The conversation holds tool calls or results but "
                    + "the request offers no tools; send the tools with every request of a tool conversation.");
        }
        if (toolTurns && choice != null && choice.kind() == ToolChoice.Kind.NONE) {
            throw GatewayException.invalidRequest("unsupported_parameter", "A tool choice of none cannot be honoured "
                    + "on Bedrock once the conversation holds tool calls: Bedrock then needs the tools and may call "
                    + "them. "
                    + "Send auto, or leave tool_choice out.");
        }
        for (ChatMessage message : request.messages()) {
            for (ContentBlock block : message.blocks()) {
                if (block instanceof ContentBlock.ToolUse use && !names.contains(use.name())) {
                    throw GatewayException.invalidRequest("invalid_value", "The conversation calls a tool named '"
                            + use.name() + "', which is not one of the tools sent.");
                }
            }
        }
    }

    /**
     * @param nativeSchema whether the model takes a response format natively, not as a forced tool
     * @return the toolConfig of the request: its tools, or for structured output without a native schema the one
     *         answer tool it must call; null when it offers no tools or forbids calling them
     */
    static ToolConfiguration config(ChatRequest request, boolean nativeSchema) {
        if (request.responseFormat() != null && !nativeSchema) {
            return config(List.of(StructuredAnswers.tool(request.responseFormat())),
                    ToolChoice.tool(request.responseFormat().name()));
        }
        ToolChoice choice = request.toolChoice();
        if (request.tools().isEmpty() || choice != null && choice.kind() == ToolChoice.Kind.NONE) {
            return null;
        }
        return config(request.tools(), choice);
    }

    private static ToolConfiguration config(List<ToolSpec> tools, ToolChoice choice) {
        List<Tool> converseTools = new ArrayList<>();
        for (ToolSpec tool : tools) {
            converseTools.add(Tool.fromToolSpec(spec -> spec.name(tool.name()).description(tool.description())
                    .inputSchema(ToolInputSchema.fromJson(Documents.of(tool.inputSchema())))));
            if (tool.cachePoint() != null) {
                converseTools.add(Tool.fromCachePoint(CachePoints.of(tool.cachePoint())));
            }
        }
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(converseTools);
        if (choice != null) {
            switch (choice.kind()) {
                case AUTO -> config.toolChoice(c -> c.auto(AutoToolChoice.builder().build()));
                case ANY -> config.toolChoice(c -> c.any(AnyToolChoice.builder().build()));
                case TOOL -> config.toolChoice(c -> c.tool(SpecificToolChoice.builder().name(choice.name()).build()));
                case NONE -> {
                }
            }
        }
        return config.build();
    }
}
