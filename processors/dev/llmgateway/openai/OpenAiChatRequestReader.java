package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.CacheControl;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.TextContent;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads an OpenAI chat completion request into a {@link ChatRequest}, refusing what Bedrock could not serve. */
public class OpenAiChatRequestReader implements Processor {

    private static final int MAX_STOP_SEQUENCES = 4;

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        OpenAiChatFields.REQUEST.check(body, "");
        Integer maxTokens = JsonFields.optionalPositiveInt(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = JsonFields.optionalPositiveInt(body, "max_tokens");
        }
        boolean includeUsage = includeUsage(body.get("stream_options"));
        List<ToolSpec> tools = OpenAiTools.tools(body);
        ChatRequest request = ChatRequest.builder(JsonFields.requiredString(body, "model"), messages(body))
                .maxTokens(maxTokens)
                .temperature(JsonFields.optionalNumber(body, "temperature", 0, 2))
                .topP(JsonFields.optionalNumber(body, "top_p", 0, 1))
                .stop(JsonFields.stringOrStrings(body, "stop", MAX_STOP_SEQUENCES))
                .user(JsonFields.optionalString(body, "user"))
                .stream(JsonFields.optionalBoolean(body, "stream"))
                .includeUsage(includeUsage)
                .tools(tools)
                .toolChoice(OpenAiTools.toolChoice(body, !tools.isEmpty()))
                .oneToolCall(!JsonFields.optionalBoolean(body, "parallel_tool_calls", true))
                .responseFormat(OpenAiTools.responseFormat(body))
                .reasoning(OpenAiReasoning.config(body, maxTokens))
                .build();
        GatewayCall.of(exchange).setRequest(request);
    }

    private static boolean includeUsage(JsonNode streamOptions) {
        if (streamOptions == null || streamOptions.isNull()) {
            return false;
        }
        if (!streamOptions.isObject()) {
            throw JsonFields.wrongType("stream_options", "an object", streamOptions);
        }
        OpenAiChatFields.STREAM_OPTIONS.check(streamOptions, "stream_options.");
        return JsonFields.optionalBoolean(streamOptions, "include_usage");
    }

    private static List<ChatMessage> messages(JsonNode body) {
        JsonNode array = JsonFields.requiredNonEmptyArray(body, "messages");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    /** A message, and after its content the cache breakpoint its own {@code cache_control} asks for. */
    private static ChatMessage message(JsonNode node, String at) {
        if (!node.isObject()) {
            throw JsonFields.wrongType(at, "an object", node);
        }
        OpenAiChatFields.MESSAGE.check(node, at + ".");
        ChatMessage message = messageContent(node, at);
        ContentBlock.CachePoint cachePoint = CacheControl.read(node, at + ".");
        if (cachePoint == null) {
            return message;
        }
        List<ContentBlock> blocks = new ArrayList<>(message.blocks());
        if (!(blocks.get(blocks.size() - 1) instanceof ContentBlock.CachePoint)) {
            blocks.add(cachePoint);
        }
        return new ChatMessage(message.role(), blocks);
    }

    private static ChatMessage messageContent(JsonNode node, String at) {
        String roleName = JsonFields.requiredString(node, "role");
        if ("tool".equals(roleName)) {
            return toolResult(node, at);
        }
        ChatRole role = "developer".equals(roleName) ? ChatRole.SYSTEM : ChatRole.fromWireName(roleName);
        if (role == null) {
            throw GatewayException.invalidRequest("invalid_value", at + ".role '" + roleName
                    + "' is not supported; use system, developer, user, assistant or tool.");
        }
        List<ContentBlock> reasoning = OpenAiReasoning.read(node, at, role);
        JsonNode toolCalls = node.get("tool_calls");
        if (toolCalls != null && !toolCalls.isNull()) {
            if (role != ChatRole.ASSISTANT) {
                throw GatewayException.invalidRequest("invalid_value", at + ".tool_calls: only assistant messages "
                        + "call tools.");
            }
            return assistantToolCalls(node, toolCalls, reasoning, at);
        }
        if (!reasoning.isEmpty()) {
            return assistantToolCalls(node, null, reasoning, at);
        }
        if (node.hasNonNull("tool_call_id")) {
            throw GatewayException.invalidRequest("invalid_value", at + ".tool_call_id: only tool messages answer "
                    + "a tool call.");
        }
        if (role == ChatRole.USER) {
            JsonNode content = node.get("content");
            if (content == null || content.isNull()) {
                throw JsonFields.missing(at + ".content");
            }
            List<ContentBlock> blocks = OpenAiContent.read(content, at + ".content");
            if (blocks.isEmpty()
                    || blocks.size() == 1 && blocks.get(0) instanceof ContentBlock.Text text && text.text().isBlank()) {
                throw GatewayException.invalidRequest("invalid_value", at + ".content is empty.");
            }
            return new ChatMessage(role, blocks);
        }
        List<ContentBlock> blocks = content(node.get("content"), at + ".content");
        if (blocks.stream().allMatch(block -> block instanceof ContentBlock.Text t && t.text().isBlank())) {
            throw GatewayException.invalidRequest("invalid_value", at + ".content is empty.");
        }
        return new ChatMessage(role, blocks);
    }

    /**
     * An assistant turn that calls tools or carries reasoning: its reasoning, its text (content may be null or empty)
     * and then the calls (toolCalls null for none).
     */
    private static ChatMessage assistantToolCalls(JsonNode node, JsonNode toolCalls, List<ContentBlock> reasoning,
                                                  String at) {
        List<ContentBlock> blocks = new ArrayList<>(reasoning);
        JsonNode contentNode = node.get("content");
        if (contentNode != null && !contentNode.isNull()) {
            for (ContentBlock block : content(contentNode, at + ".content")) {
                if (!(block instanceof ContentBlock.Text t && t.text().isBlank())) {
                    blocks.add(block);
                }
            }
        }
        if (toolCalls != null) {
            blocks.addAll(OpenAiTools.toolCalls(toolCalls, at + ".tool_calls"));
        }
        if (blocks.isEmpty()) {
            throw GatewayException.invalidRequest("invalid_value", at + " has neither content nor tool calls.");
        }
        return new ChatMessage(ChatRole.ASSISTANT, blocks);
    }

    /** A tool message: what a tool answered, sent to Bedrock in the user's turn as its tool result. */
    private static ChatMessage toolResult(JsonNode node, String at) {
        String callId = JsonFields.optionalString(node, "tool_call_id");
        if (callId == null) {
            throw JsonFields.missing(at + ".tool_call_id");
        }
        JsonNode content = node.get("content");
        if (content == null || content.isNull()) {
            throw JsonFields.missing(at + ".content");
        }
        TextContent.Joined result = TextContent.readJoined(content, at + ".content", "text parts",
                OpenAiChatFields.TEXT_PART);
        ContentBlock toolResult = new ContentBlock.ToolResult(callId, result.text(), false);
        return new ChatMessage(ChatRole.USER, result.cachePoint() == null ? List.of(toolResult)
                : List.of(toolResult, result.cachePoint()));
    }

    private static List<ContentBlock> content(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw JsonFields.missing(at);
        }
        return TextContent.read(node, at, "text parts", OpenAiChatFields.TEXT_PART);
    }
}
