package dev.llmgateway.anthropic;

import dev.llmgateway.http.FieldRules;
import java.util.Set;

/**
 * Every field of an Anthropic Messages request and what the gateway does with it. docs/api.md lists the same
 * (ApiFieldsDocumentedTest keeps the two in step).
 */
public final class AnthropicMessagesFields {

    private static final String TOOLS_LATER = "tool use is not served yet";

    public static final FieldRules REQUEST = FieldRules.of("a Messages request")
            .served("model", "the gateway's model alias (GET /v1/models lists them)")
            .served("messages", "user and assistant turns with text content")
            .served("max_tokens", "the answer's token limit, clamped to what the model and the team allow")
            .served("system", "the system prompt: a string or text blocks")
            .served("temperature", "0 to 1")
            .served("top_p", "0 to 1")
            .served("stop_sequences", "up to 8 stop sequences")
            .served("stream", "server-sent events, token by token")
            .served("metadata", "user_id only")
            .refused("top_k", "top_k is not served yet")
            .refused("tools", TOOLS_LATER)
            .refused("tool_choice", TOOLS_LATER)
            .refused("thinking", "extended thinking is not served yet")
            .neutralOnly("service_tier", value -> Set.of("auto", "standard_only").contains(value.asText()),
                    "\"auto\" or \"standard_only\": Bedrock's service tiers are not served")
            .refused("container", "code execution containers are an Anthropic API feature Bedrock does not have")
            .refused("mcp_servers", "MCP connectors are an Anthropic API feature Bedrock does not have")
            .refused("context_management", "context management is an Anthropic API feature Bedrock does not have")
            .build();

    public static final FieldRules METADATA = FieldRules.of("metadata")
            .ignored("user_id", "an end-user id for Anthropic's abuse monitoring; the gateway attributes calls to the "
                    + "API key and the feature")
            .build();

    public static final FieldRules MESSAGE = FieldRules.of("a message")
            .served("role", "user or assistant")
            .served("content", "a string, or an array of text blocks")
            .build();

    public static final FieldRules TEXT_BLOCK = FieldRules.of("a text block")
            .served("type", "\"text\"")
            .served("text", "the text")
            .refused("cache_control", "prompt caching is not served yet")
            .refused("citations", "citations are not served")
            .build();

    private AnthropicMessagesFields() {
    }
}
