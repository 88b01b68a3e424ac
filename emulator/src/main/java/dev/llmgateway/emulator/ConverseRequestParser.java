package dev.llmgateway.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a Converse / ConverseStream body (and the {@code converse} input of CountTokens). */
final class ConverseRequestParser {
    /** What the emulated Claude generates at most when Converse sets no {@code maxTokens}. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final String TOOL_CONFIG_REQUIRED =
            "The toolConfig field must be defined when using toolUse and toolResult content blocks.";

    private ConverseRequestParser() {
    }

    static ChatPrompt parse(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockFailure.validation("1 validation error detected: Value at 'messages' failed to satisfy constraint: "
                    + "Member must not be null or empty");
        }
        ToolSet tools = ConverseToolConfig.parse(body.path("toolConfig"));
        List<ChatPrompt.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            turns.add(turn(messages.get(i), i));
        }
        if (!turns.get(0).role().equals("user")) {
            throw BedrockFailure.validation("A conversation must start with a user message. "
                    + "Try again with a conversation that starts with a user message.");
        }
        if (!tools.isDefined() && turns.stream().anyMatch(ChatPrompt.Turn::hasToolBlocks)) {
            throw BedrockFailure.validation(TOOL_CONFIG_REQUIRED);
        }
        ConverseMediaReader.checkDocuments(turns);
        MediaInspector.checkCount(turns, ConverseMediaRefusals.INSTANCE);
        ToolTurnGap.find(turns).ifPresent(gap -> {
            throw BedrockFailure.validation(gap.results() > gap.toolUsesBefore()
                    ? "The number of toolResult blocks at messages." + gap.messageIndex()
                            + ".content exceeds the number of toolUse blocks of previous turn."
                    : "Expected toolResult blocks at messages." + gap.messageIndex() + ".content for the following Ids: "
                            + String.join(", ", gap.unanswered()));
        });
        JsonNode config = body.path("inferenceConfig");
        int maxTokens = config.path("maxTokens").asInt(DEFAULT_MAX_TOKENS);
        if (maxTokens < 1) {
            throw BedrockFailure.constraintViolated("'" + maxTokens + "'", "inferenceConfig.maxTokens",
                    "Member must have value greater than or equal to 1");
        }
        List<String> stops = new ArrayList<>();
        config.path("stopSequences").forEach(s -> stops.add(s.asText()));
        return new ChatPrompt(textOf(body.path("system")), turns, maxTokens, stops, tools,
                answerSchema(body.path("outputConfig")));
    }

    static ChatPrompt.Turn turn(JsonNode message, int index) {
        String role = message.path("role").asText("");
        JsonNode content = message.path("content");
        List<ToolCall> calls = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        List<MediaBlock> media = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                calls.add(new ToolCall(use.path("toolUseId").asText(""), use.path("name").asText(""), use.path("input")));
            } else if (block.has("toolResult")) {
                JsonNode result = block.get("toolResult");
                results.add(new ToolResult(result.path("toolUseId").asText(""), i, resultContent(result.path("content")),
                        result.path("status").asText("success").equals("error")));
            } else if (block.has("image") || block.has("document")) {
                media.add(ConverseMediaReader.read(block, new BlockPath(index, i), role));
            }
        }
        return new ChatPrompt.Turn(role, textOf(content), calls, results, media);
    }

    /** The schema of Bedrock's own structured output: a JSON schema, sent as the text of one. */
    private static JsonNode answerSchema(JsonNode outputConfig) {
        JsonNode format = outputConfig.path("textFormat");
        if (format.isMissingNode()) {
            return null;
        }
        if (!"json_schema".equals(format.path("type").asText())) {
            throw BedrockFailure.validation("The value at outputConfig.textFormat.type is not supported; use json_schema.");
        }
        String schema = format.path("structure").path("jsonSchema").path("schema").asText("");
        try {
            JsonNode parsed = Json.MAPPER.readTree(schema);
            if (parsed == null || !parsed.isObject()) {
                throw BedrockFailure.validation("outputConfig.textFormat.structure.jsonSchema.schema must be a JSON object.");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw BedrockFailure.validation("outputConfig.textFormat.structure.jsonSchema.schema is not valid JSON.");
        }
    }

    /** A result's text and JSON blocks; others (images, documents) say nothing the emulator can quote. */
    private static List<JsonNode> resultContent(JsonNode blocks) {
        List<JsonNode> content = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                content.add(TextNode.valueOf(block.get("text").asText()));
            } else if (block.has("json")) {
                content.add(block.get("json"));
            }
        }
        return content;
    }

    private static String textOf(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                texts.add(block.get("text").asText());
            }
        }
        return String.join("\n", texts);
    }
}
