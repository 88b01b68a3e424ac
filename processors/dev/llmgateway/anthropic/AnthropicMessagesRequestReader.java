package dev.llmgateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.FieldRules;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.TextContent;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads an Anthropic Messages API request (POST /v1/messages) into a {@link ChatRequest}. */
public class AnthropicMessagesRequestReader implements Processor {

    private static final int MAX_STOP_SEQUENCES = 8;

    private final FieldRules rules;
    private final boolean answerWanted;

    private AnthropicMessagesRequestReader(FieldRules rules, boolean answerWanted) {
        this.rules = rules;
        this.answerWanted = answerWanted;
    }

    /** The reader of POST /v1/messages. */
    public static AnthropicMessagesRequestReader messages() {
        return new AnthropicMessagesRequestReader(AnthropicMessagesFields.REQUEST, true);
    }

    /** The reader of POST /v1/messages/count_tokens: the same prompt, no max_tokens. */
    public static AnthropicMessagesRequestReader countTokens() {
        return new AnthropicMessagesRequestReader(AnthropicMessagesFields.COUNT_TOKENS_REQUEST, false);
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        rules.check(body, "");
        Integer maxTokens = JsonFields.optionalPositiveInt(body, "max_tokens");
        if (maxTokens == null && answerWanted) {
            throw JsonFields.missing("max_tokens");
        }
        List<ChatMessage> messages = new ArrayList<>();
        List<ContentBlock> system = system(body.get("system"));
        if (!system.isEmpty()) {
            messages.add(new ChatMessage(ChatRole.SYSTEM, system));
        }
        messages.addAll(messages(body));
        JsonNode metadata = body.get("metadata");
        String user = null;
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                throw JsonFields.wrongType("metadata", "an object", metadata);
            }
            AnthropicMessagesFields.METADATA.check(metadata, "metadata.");
            user = JsonFields.optionalString(metadata, "user_id");
        }
        List<ToolSpec> tools = AnthropicTools.tools(body);
        GatewayCall.of(exchange).setRequest(ChatRequest.builder(JsonFields.requiredString(body, "model"), messages)
                .maxTokens(maxTokens)
                .temperature(JsonFields.optionalNumber(body, "temperature", 0, 1))
                .topP(JsonFields.optionalNumber(body, "top_p", 0, 1))
                .topK(JsonFields.optionalPositiveInt(body, "top_k"))
                .stop(stopSequences(body))
                .user(user)
                .stream(JsonFields.optionalBoolean(body, "stream"))
                .includeUsage(true)
                .tools(tools)
                .toolChoice(AnthropicTools.toolChoice(body, !tools.isEmpty()))
                .oneToolCall(AnthropicTools.oneToolCall(body))
                .responseFormat(AnthropicOutputConfig.responseFormat(body))
                .reasoning(AnthropicThinking.config(body, maxTokens))
                .build());
    }

    private static List<String> stopSequences(JsonNode body) {
        JsonNode node = body.get("stop_sequences");
        if (node != null && !node.isNull() && !node.isArray()) {
            throw JsonFields.wrongType("stop_sequences", "an array of strings", node);
        }
        return JsonFields.stringOrStrings(body, "stop_sequences", MAX_STOP_SEQUENCES);
    }

    /** The system prompt's text blocks and cache breakpoints; none when it is absent or blank. */
    private static List<ContentBlock> system(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<ContentBlock> blocks = TextContent.read(node, "system", "text blocks", AnthropicMessagesFields.TEXT_BLOCK);
        boolean blank = blocks.stream().allMatch(b -> b instanceof ContentBlock.Text t && t.text().isBlank());
        return blank ? List.of() : blocks;
    }

    private static List<ChatMessage> messages(JsonNode body) {
        JsonNode array = JsonFields.requiredNonEmptyArray(body, "messages");
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String at = "messages[" + i + "]";
            if (!node.isObject()) {
                throw JsonFields.wrongType(at, "an object", node);
            }
            AnthropicMessagesFields.MESSAGE.check(node, at + ".");
            String roleName = JsonFields.requiredString(node, "role");
            ChatRole role = ChatRole.fromWireName(roleName);
            if (role == null || role == ChatRole.SYSTEM) {
                throw GatewayException.invalidRequest("invalid_value", at + ".role '" + roleName
                        + "' is not supported; use user or assistant (the system prompt goes in 'system').");
            }
            JsonNode content = node.get("content");
            if (content == null || content.isNull()) {
                throw JsonFields.missing(at + ".content");
            }
            List<ContentBlock> blocks = AnthropicContent.read(content, at + ".content", role);
            if (blocks.isEmpty()
                    || blocks.size() == 1 && blocks.get(0) instanceof ContentBlock.Text text && text.text().isBlank()) {
                throw GatewayException.invalidRequest("invalid_value", at + ".content is empty.");
            }
            messages.add(new ChatMessage(role, blocks));
        }
        return messages;
    }
}
