package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/** Reads an Anthropic Messages body (InvokeModel on Claude), rejecting it as Bedrock does when required keys are missing. */
final class AnthropicRequestParser {
    private static final String TOOLS_REQUIRED = "Requests which include `tool_use` or `tool_result` blocks must define tools.";

    private AnthropicRequestParser() {
    }

    static ChatPrompt parse(JsonNode body) {
        if (!body.isObject()) {
            throw BedrockFailure.malformedInput("#: expected type: JSONObject, found: " + body.getNodeType());
        }
        for (String key : List.of("anthropic_version", "max_tokens", "messages")) {
            if (!body.hasNonNull(key)) {
                throw BedrockFailure.malformedInput("#: required key [" + key + "] not found");
            }
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber()) {
            throw BedrockFailure.malformedInput("#/max_tokens: expected type: Integer, found: " + maxTokens.getNodeType());
        }
        if (maxTokens.intValue() < 1) {
            throw BedrockFailure.malformedInput("#/max_tokens: " + maxTokens.intValue() + " is not greater or equal to 1");
        }
        JsonNode messages = body.get("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockFailure.malformedInput("#/messages: expected a non-empty array of messages");
        }
        ToolSet tools = AnthropicTools.parse(body);
        List<ChatPrompt.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw BedrockFailure.malformedInput("#/messages/" + i + "/role: " + role + " is not a valid enum value");
            }
            if (!message.has("content")) {
                throw BedrockFailure.malformedInput("#/messages/" + i + ": required key [content] not found");
            }
            turns.add(turn(role, i, message.get("content")));
        }
        if (!turns.get(0).role().equals("user")) {
            throw BedrockFailure.validation("messages: first message must use the \"user\" role");
        }
        if (!tools.isDefined() && turns.stream().anyMatch(ChatPrompt.Turn::hasToolBlocks)) {
            throw BedrockFailure.validation(TOOLS_REQUIRED);
        }
        MediaInspector.checkCount(turns, AnthropicMediaRefusals.INSTANCE);
        ToolTurnGap.find(turns).ifPresent(gap -> {
            throw BedrockFailure.validation(gap.unexpected()
                    .map(result -> "messages." + gap.messageIndex() + ".content." + result.blockIndex()
                            + ": unexpected `tool_use_id` found in `tool_result` blocks: " + result.toolUseId()
                            + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.")
                    .orElse("messages." + (gap.messageIndex() - 1) + ": `tool_use` ids were found without `tool_result` blocks "
                            + "immediately after: " + String.join(", ", gap.unanswered())
                            + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."));
        });
        return new ChatPrompt(textOf(body.path("system")), turns, maxTokens.intValue(), stopSequences(body.path("stop_sequences")), tools);
    }

    /** Content is either a string or a list of blocks: text, tool_use, tool_result, image and document blocks are read. */
    static ChatPrompt.Turn turn(String role, int index, JsonNode content) {
        List<ToolCall> calls = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        List<MediaBlock> media = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            switch (block.path("type").asText()) {
                case "tool_use" -> calls.add(new ToolCall(block.path("id").asText(""), block.path("name").asText(""), block.path("input")));
                case "tool_result" -> results.add(new ToolResult(block.path("tool_use_id").asText(""), i,
                        resultContent(block.path("content")), block.path("is_error").asBoolean(false)));
                case "image", "document" -> media.add(AnthropicMediaReader.read(block, new BlockPath(index, i), role));
                default -> {
                }
            }
        }
        return new ChatPrompt.Turn(role, textOf(content), calls, results, media);
    }

    /** A tool_result's content: a string, or blocks of which only text says something the emulator can quote. */
    private static List<JsonNode> resultContent(JsonNode content) {
        if (content.isTextual()) {
            return List.of(content);
        }
        List<JsonNode> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                texts.add(TextNode.valueOf(block.path("text").asText()));
            }
        }
        return texts;
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.path("type").asText("text").equals("text") && block.has("text")) {
                texts.add(block.get("text").asText());
            }
        }
        return String.join("\n", texts);
    }

    private static List<String> stopSequences(JsonNode node) {
        List<String> stops = new ArrayList<>();
        node.forEach(s -> stops.add(s.asText()));
        return stops;
    }
}
