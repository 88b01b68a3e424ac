package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
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
        ChatRequest request = new ChatRequest(
                JsonFields.requiredString(body, "model"),
                messages(body),
                maxTokens,
                JsonFields.optionalNumber(body, "temperature", 0, 2),
                JsonFields.optionalNumber(body, "top_p", 0, 1),
                JsonFields.stringOrStrings(body, "stop", MAX_STOP_SEQUENCES),
                JsonFields.optionalString(body, "user"),
                JsonFields.optionalBoolean(body, "stream"),
                includeUsage);
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

    private static ChatMessage message(JsonNode node, String at) {
        if (!node.isObject()) {
            throw JsonFields.wrongType(at, "an object", node);
        }
        OpenAiChatFields.MESSAGE.check(node, at + ".");
        String roleName = JsonFields.requiredString(node, "role");
        ChatRole role = "developer".equals(roleName) ? ChatRole.SYSTEM : ChatRole.fromWireName(roleName);
        if (role == null) {
            throw GatewayException.invalidRequest("invalid_value", at + ".role '" + roleName
                    + "' is not supported; use system, developer, user or assistant (tool calling is not served yet).");
        }
        String content = content(node.get("content"), at + ".content");
        if (content.isBlank()) {
            throw GatewayException.invalidRequest("invalid_value", at + ".content is empty.");
        }
        return new ChatMessage(role, content);
    }

    private static String content(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw JsonFields.missing(at);
        }
        return TextContent.read(node, at, "text parts", OpenAiChatFields.TEXT_PART);
    }
}
