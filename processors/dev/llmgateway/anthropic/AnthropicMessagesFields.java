package dev.llmgateway.anthropic;

import dev.llmgateway.bedrock.OneToolCall;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.FieldRules;
import java.util.Set;

/**
 * Every field of an Anthropic Messages request and what the gateway does with it. docs/api.md lists the same
 * (ApiFieldsDocumentedTest keeps the two in step).
 */
public final class AnthropicMessagesFields {

    private static final String CACHE_CONTROL = "a prompt-cache breakpoint after this block: Bedrock's cachePoint "
            + "(models with promptCaching; at most 4 a request)";

    public static final FieldRules REQUEST = FieldRules.of("a Messages request")
            .served("model", "the gateway's model alias (GET /v1/models lists them)")
            .served("messages", "user and assistant turns: text, image, document, tool_use, tool_result, thinking "
                    + "and redacted_thinking blocks")
            .served("max_tokens", "the answer's token limit, clamped to what the model and the team allow")
            .served("system", "the system prompt: a string or text blocks (cache_control served)")
            .served("temperature", "0 to 1")
            .served("top_p", "0 to 1")
            .served("stop_sequences", "up to 8 stop sequences")
            .served("stream", "server-sent events, token by token")
            .served("metadata", "user_id only")
            .served("top_k", "Claude and Amazon Nova models (a 400 names any other model)")
            .served("output_config", "format: the JSON schema the answer must match")
            .served("tools", "custom tools, passed to the model as Converse tools")
            .served("tool_choice", "auto, any, tool (named) or none")
            .served("thinking", "Claude's extended thinking: type enabled with budget_tokens (at least 1,024, below "
                    + "max_tokens), or disabled; for models with reasoning (GET /v1/models)")
            .neutralOnly("service_tier", value -> Set.of("auto", "standard_only").contains(value.asText()),
                    "\"auto\" or \"standard_only\": Bedrock's service tiers are not served")
            .refused("container", "code execution containers are an Anthropic API feature Bedrock does not have")
            .refused("mcp_servers", "MCP connectors are an Anthropic API feature Bedrock does not have")
            .refused("context_management", "context management is an Anthropic API feature Bedrock does not have")
            .build();

    /** What POST /v1/messages/count_tokens reads: the prompt's fields, nothing about the answer. */
    public static final FieldRules COUNT_TOKENS_REQUEST = FieldRules.of("a count_tokens request")
            .served("model", "the gateway's model alias (GET /v1/models lists them)")
            .served("messages", "user and assistant turns: text, image, document, tool_use, tool_result, thinking "
                    + "and redacted_thinking blocks")
            .served("system", "the system prompt: a string or text blocks (cache_control served)")
            .served("tools", "custom tools, whose definitions count")
            .served("tool_choice", "auto, any, tool (named) or none")
            .served("thinking", "checked as for a message (the model must have reasoning); the count is the "
                    + "prompt's, thinking blocks sent back included")
            .refused("mcp_servers", "MCP connectors are an Anthropic API feature Bedrock does not have")
            .build();

    public static final FieldRules OUTPUT_CONFIG = FieldRules.of("output_config")
            .served("format", "a JSON schema answer: Bedrock's own structured output where the model has it "
                    + "(GET /v1/models: structuredOutput), else a forced tool; the answer is checked against the schema")
            .refused("effort", "Converse has no effort setting, and the gateway bounds reasoning by a token budget "
                    + "it can reserve; send thinking with a budget_tokens instead")
            .build();

    public static final FieldRules THINKING = FieldRules.of("thinking")
            .served("type", "enabled (with budget_tokens) or disabled; adaptive and between_tools are refused: the "
                    + "gateway serves thinking with a budget it can reserve")
            .served("budget_tokens", "the most tokens Claude may think with: at least 1,024 and below max_tokens "
                    + "(part of it); lowered when the gateway lowers max_tokens, refused when that leaves less than "
                    + "1,024")
            .neutralOnly("display", value -> "summarized".equals(value.asText()),
                    "\"summarized\": Bedrock returns the thinking as Claude writes it")
            .build();

    public static final FieldRules THINKING_BLOCK = FieldRules.of("a thinking block")
            .served("type", "\"thinking\" (assistant turns), passed back to Bedrock unchanged")
            .served("thinking", "the thinking text, as the model wrote it")
            .served("signature", "the model's signature of it; a block that does not match it is refused by the model")
            .build();

    public static final FieldRules REDACTED_THINKING_BLOCK = FieldRules.of("a redacted_thinking block")
            .served("type", "\"redacted_thinking\" (assistant turns), passed back to Bedrock unchanged")
            .served("data", "the encrypted thinking, base64")
            .build();

    public static final FieldRules OUTPUT_FORMAT = FieldRules.of("output_config.format")
            .served("type", "json_schema")
            .served("schema", "the JSON Schema of the answer, an object schema (patterns in RE2 syntax)")
            .build();

    public static final FieldRules METADATA = FieldRules.of("metadata")
            .ignored("user_id", "an end-user id for Anthropic's abuse monitoring; the gateway attributes calls to the "
                    + "API key and the feature")
            .build();

    public static final FieldRules MESSAGE = FieldRules.of("a message")
            .served("role", "user or assistant")
            .served("content", "a string, or an array of text, image, document, tool_use, tool_result, thinking and "
                    + "redacted_thinking blocks")
            .build();

    public static final FieldRules TOOL = FieldRules.of("a tool")
            .served("name", "its name: " + ToolSpec.NAME_RULE)
            .served("description", "what it does, for the model")
            .served("input_schema", "the JSON Schema of its input")
            .served("type", "\"custom\" (server tools do not run on Bedrock)")
            .served("cache_control", "a prompt-cache breakpoint after this tool's definition: Bedrock's cachePoint in "
                    + "toolConfig.tools (models with promptCaching)")
            .ignored("eager_input_streaming", "how finely Anthropic streams a tool's input (the Vercel AI SDK sets it "
                    + "on every streamed request); the gateway streams the input as Bedrock sends it, and the input is "
                    + "the same")
            .build();

    public static final FieldRules TOOL_CHOICE = FieldRules.of("a tool choice")
            .served("type", "auto, any, tool or none")
            .served("name", "the tool, for type tool")
            .served("disable_parallel_tool_use", "false (the default), or true: " + OneToolCall.CHECKED)
            .build();

    public static final FieldRules IMAGE_BLOCK = FieldRules.of("an image block")
            .served("type", "\"image\" (user turns)")
            .served("source", "the image, inline (base64)")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules DOCUMENT_BLOCK = FieldRules.of("a document block")
            .served("type", "\"document\" (user turns)")
            .served("source", "the document, inline: base64 (PDF, CSV, HTML, Markdown, plain text) or text")
            .served("title", "the document's name, by Bedrock's rule (ASCII letters, digits, single spaces, "
                    + "hyphens, underscores, parentheses, brackets)")
            .refused("context", "document context is not served; put it in a text block")
            .refused("citations", "citations are not served")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules BASE64_SOURCE = FieldRules.of("a source")
            .served("type", "base64 (or text, for a document; or url, for an image from an address "
                    + "media.remoteImageUrls allows); the gateway keeps no files")
            .served("url", "an image's address (type url), fetched only when media.remoteImageUrls allows it")
            .served("media_type", "image/png, image/jpeg, image/gif, image/webp; application/pdf, text/plain, "
                    + "text/csv, text/html, text/markdown")
            .served("data", "the bytes, base64 (a text source: the text); at most 3.75 MB for an image, 4.5 MB for "
                    + "a document")
            .build();

    public static final FieldRules TOOL_USE_BLOCK = FieldRules.of("a tool_use block")
            .served("type", "\"tool_use\"")
            .served("id", "the call's id, which the tool_result answering it names")
            .served("name", "the tool called")
            .served("input", "its input, an object")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules TOOL_RESULT_BLOCK = FieldRules.of("a tool_result block")
            .served("type", "\"tool_result\"")
            .served("tool_use_id", "the call it answers")
            .served("content", "the tool's answer: a string or text blocks")
            .served("is_error", "whether the tool failed")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules TEXT_BLOCK = FieldRules.of("a text block")
            .served("type", "\"text\"")
            .served("text", "the text")
            .served("cache_control", CACHE_CONTROL)
            .refused("citations", "citations are not served")
            .build();

    private AnthropicMessagesFields() {
    }
}
