package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.bedrock.OneToolCall;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.FieldRules;
import java.util.Set;

/**
 * Every field of an OpenAI chat completion request and what the gateway does with it. docs/api.md lists the same
 * (ApiFieldsDocumentedTest keeps the two in step).
 */
public final class OpenAiChatFields {

    private static final String CACHE_CONTROL = "an extension (as LiteLLM and OpenRouter take it): "
            + "{\"type\": \"ephemeral\", \"ttl\"?: \"5m\"|\"1h\"}, a prompt-cache breakpoint after this part: "
            + "Bedrock's cachePoint (models with promptCaching; at most 4 a request)";

    private static final String NO_LOGPROBS = "Bedrock returns no log probabilities";

    public static final FieldRules REQUEST = FieldRules.of("a chat completion request")
            .served("model", "the gateway's model alias (GET /v1/models lists them)")
            .served("messages", "system, developer, user and assistant turns with text content")
            .served("max_completion_tokens", "the answer's token limit, clamped to what the model and the team allow")
            .served("max_tokens", "the same, by its older name (max_completion_tokens wins when both are sent)")
            .served("temperature", "0 to 2; Claude models take 0 to 1")
            .served("top_p", "0 to 1")
            .served("stop", "up to 4 stop sequences")
            .served("stream", "server-sent events, token by token")
            .served("stream_options", "include_usage: a last chunk with the usage")
            .neutralOnly("n", value -> value.isIntegralNumber() && value.intValue() == 1, "1: one answer per request")
            .neutralOnly("presence_penalty", OpenAiChatFields::zero, "0: Bedrock has no presence penalty")
            .neutralOnly("frequency_penalty", OpenAiChatFields::zero, "0: Bedrock has no frequency penalty")
            .neutralOnly("logprobs", value -> value.isBoolean() && !value.booleanValue(), "false: " + NO_LOGPROBS)
            .refused("top_logprobs", NO_LOGPROBS)
            .neutralOnly("logit_bias", value -> value.isObject() && value.isEmpty(), "{}: Bedrock has no token biases")
            .refused("seed", "Bedrock models take no seed, so an answer cannot be made reproducible")
            .served("tools", "function tools, passed to the model as Converse tools")
            .served("tool_choice", "none, auto, required, or a named function")
            .served("parallel_tool_calls", "true (the default), or false: " + OneToolCall.CHECKED)
            .refused("functions", "the deprecated function calling is not served")
            .refused("function_call", "the deprecated function calling is not served")
            .served("response_format", "text, json_object, or json_schema: the answer is JSON matching the schema, "
                    + "checked before it is sent")
            .served("reasoning_effort", "Claude's extended thinking for models with reasoning (GET /v1/models), with a "
                    + "budget of 1,024 tokens for minimal and low, 2,048 for medium, 4,096 for high (lowered below the "
                    + "output limit; none: no reasoning); the answer's reasoning is reasoning_content and "
                    + "thinking_blocks")
            .refused("verbosity", "Bedrock models take no verbosity setting; ask for a shorter or longer answer in "
                    + "the prompt")
            .refused("audio", "answers are text only")
            .neutralOnly("modalities", OpenAiChatFields::textOnly, "[\"text\"]: answers are text only")
            .refused("prediction", "predicted outputs are an OpenAI feature Bedrock does not have")
            .refused("web_search_options", "web search is an OpenAI feature Bedrock does not have")
            .neutralOnly("store", value -> value.isBoolean() && !value.booleanValue(),
                    "false: the gateway keeps no completions to retrieve later")
            .ignored("metadata", "it tags completions OpenAI stores, and the gateway stores none (tag calls for cost "
                    + "tracking with the X-Feature header)")
            .ignored("user", "an end-user id for OpenAI's abuse monitoring; the gateway attributes calls to the API "
                    + "key and the feature")
            .ignored("safety_identifier", "the same, by its newer name")
            .ignored("prompt_cache_key", "a routing hint for OpenAI's prompt cache; the answer does not depend on it")
            .ignored("prompt_cache_retention",
                    "how long OpenAI keeps its prompt cache; the answer does not depend on it")
            .neutralOnly("service_tier", value -> Set.of("auto", "default").contains(value.asText()),
                    "\"auto\" or \"default\": Bedrock's service tiers are not served")
            .build();

    public static final FieldRules STREAM_OPTIONS = FieldRules.of("stream_options")
            .served("include_usage", "a last chunk with the usage")
            .ignored("include_obfuscation", "the gateway's chunks carry no obfuscation padding")
            .build();

    public static final FieldRules MESSAGE = FieldRules.of("a message")
            .served("role", "system, developer (as system), user, assistant or tool")
            .served("content", "a string, or an array of text parts")
            .refused("name", "Bedrock has no participant names; put the name in the content")
            .served("tool_calls", "an assistant's function calls (content may then be null)")
            .served("tool_call_id", "the call a tool message answers")
            .served("cache_control", "an extension: a prompt-cache breakpoint after the message's content, as on a "
                    + "content part")
            .refused("function_call", "the deprecated function calling is not served")
            .refused("refusal", "send the refusal's text as the content")
            .refused("audio", "answers are text only")
            .neutralOnly("annotations", value -> value.isArray() && value.isEmpty(), "[]: web search is not served")
            .served("thinking_blocks", "an assistant's reasoning as the gateway returned it (with signatures), passed "
                    + "back to the model unchanged; needed before tool results when reasoning is on")
            .ignored("reasoning_content", "the text of thinking_blocks, which carry it with the signature the model "
                    + "needs; reasoning without a signature cannot go back to the model")
            .build();

    public static final FieldRules THINKING_BLOCK = FieldRules.of("a thinking block")
            .served("type", "thinking or redacted_thinking")
            .served("thinking", "the reasoning text, for type thinking, as it came")
            .served("signature", "its signature, for type thinking, as it came")
            .served("data", "the encrypted reasoning, base64, for type redacted_thinking")
            .build();

    public static final FieldRules RESPONSE_FORMAT = FieldRules.of("a response format")
            .served("type", "text, json_object or json_schema")
            .served("json_schema", "the schema, for type json_schema")
            .build();

    public static final FieldRules JSON_SCHEMA = FieldRules.of("a JSON schema format")
            .served("name", "the schema's name: " + ToolSpec.NAME_RULE)
            .served("description", "what the answer is, for the model")
            .served("schema", "the JSON Schema of the answer, an object schema (patterns in RE2 syntax)")
            .ignored("strict", "every structured answer is checked against its schema, strict or not")
            .build();

    public static final FieldRules TOOL = FieldRules.of("a tool")
            .served("type", "\"function\"")
            .served("function", "the function: name, description, parameters")
            .served("cache_control", "an extension: a prompt-cache breakpoint after this tool's definition, "
                    + "Bedrock's cachePoint in toolConfig.tools (models with promptCaching)")
            .build();

    public static final FieldRules FUNCTION = FieldRules.of("a function")
            .served("name", "its name: " + ToolSpec.NAME_RULE)
            .served("description", "what it does, for the model")
            .served("parameters", "the JSON Schema of its arguments")
            .neutralOnly("strict", value -> value.isBoolean() && !value.booleanValue(),
                    "false: strict schema adherence is not served yet")
            .build();

    public static final FieldRules TOOL_CALL = FieldRules.of("a tool call")
            .served("id", "the call's id, which the tool message answering it names")
            .served("type", "\"function\"")
            .served("function", "the function called: name and arguments")
            .build();

    public static final FieldRules CALLED_FUNCTION = FieldRules.of("a called function")
            .served("name", "the function's name")
            .served("arguments", "its arguments, a JSON object as a string")
            .build();

    public static final FieldRules IMAGE_PART = FieldRules.of("an image part")
            .served("type", "\"image_url\" (user messages)")
            .served("image_url", "the image")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules IMAGE_URL = FieldRules.of("an image_url")
            .served("url", "a data: URL (base64) of a PNG, JPEG, GIF or WebP image of at most 3.75 MB, or an http(s) "
                    + "address the gateway fetches only when media.remoteImageUrls allows it")
            .ignored("detail", "Bedrock reads every image at its own resolution")
            .build();

    public static final FieldRules FILE_PART = FieldRules.of("a file part")
            .served("type", "\"file\" (user messages)")
            .served("file", "the document")
            .served("cache_control", CACHE_CONTROL)
            .build();

    public static final FieldRules FILE = FieldRules.of("a file")
            .served("file_data", "a data: URL (base64) of a PDF, plain text, CSV, HTML or Markdown document of at most "
                    + "4.5 MB")
            .served("filename", "the document's name, by Bedrock's rule (ASCII letters, digits, single spaces, "
                    + "hyphens, underscores, parentheses, brackets)")
            .refused("file_id", "the gateway keeps no uploaded files; send the document as file_data")
            .build();

    public static final FieldRules TEXT_PART = FieldRules.of("a text part")
            .served("type", "\"text\"")
            .served("text", "the text")
            .served("cache_control", CACHE_CONTROL)
            .build();

    private OpenAiChatFields() {
    }

    private static boolean zero(JsonNode value) {
        return value.isNumber() && value.doubleValue() == 0;
    }

    private static boolean textOnly(JsonNode value) {
        return value.isArray() && value.size() == 1 && "text".equals(value.get(0).asText());
    }
}
