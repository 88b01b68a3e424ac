package dev.llmgateway.responses;

import dev.llmgateway.bedrock.OneToolCall;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.FieldRules;
import java.util.Set;

/**
 * Every field of an OpenAI Responses request and what the gateway does with it. docs/api.md lists the same
 * (ApiFieldsDocumentedTest keeps the two in step).
 */
public final class ResponsesFields {

    private static final String NO_LOGPROBS = "Bedrock returns no log probabilities";
    private static final String NO_REASONING = "reasoning is not served on the Responses API yet";

    public static final FieldRules REQUEST = FieldRules.of("a Responses request")
            .served("model", "the gateway's model alias (GET /v1/models lists them)")
            .served("input", "a string (one user message), or items: messages, function_call and "
                    + "function_call_output items")
            .served("instructions", "a system message before the input (not carried over to a follow-up, as OpenAI)")
            .served("tools", "function tools, passed to the model as Converse tools; built-in tools are refused "
                    + "by name")
            .served("tool_choice", "none, auto, required, or a named function")
            .served("parallel_tool_calls", "true (the default), or false: " + OneToolCall.CHECKED)
            .served("max_output_tokens", "the answer's token limit, clamped to what the model and the team allow")
            .served("temperature", "0 to 2; Claude models take 0 to 1")
            .served("top_p", "0 to 1")
            .served("text", "format: text, json_object, or json_schema (the answer is JSON matching the schema, "
                    + "checked before it is sent)")
            .served("metadata", "up to 16 string pairs, kept with the stored response and returned with it")
            .served("user", "returned with the response; calls are attributed to the API key and the feature")
            .served("store", "true (the default): the response is kept for previous_response_id, GET and DELETE, "
                    + "for responses.retentionDays; false: nothing is kept")
            .served("previous_response_id", "a stored response of the caller's team whose input and output come "
                    + "before this input")
            .served("stream", "server-sent events in the Responses event sequence")
            .refused("stream_options", "obfuscation padding is not served; leave the field out")
            .refused("reasoning", NO_REASONING)
            .refused("include", "encrypted reasoning, logprobs and tool-call outputs are not served")
            .refused("background", "background responses are not served; stream instead")
            .refused("conversation", "OpenAI conversation objects are not served; chain with previous_response_id")
            .refused("prompt", "OpenAI stored prompts are not served; use the gateway's prompt templates")
            .refused("max_tool_calls", "Bedrock cannot limit the number of tool calls")
            .refused("top_logprobs", NO_LOGPROBS)
            .neutralOnly("truncation", value -> "disabled".equals(value.asText()),
                    "\"disabled\": a conversation over the context window is a 400, never cut")
            .ignored("safety_identifier", "an end-user id for OpenAI's abuse monitoring; the gateway attributes calls "
                    + "to the API key and the feature")
            .ignored("prompt_cache_key", "a routing hint for OpenAI's prompt cache; the answer does not depend on it")
            .ignored("prompt_cache_retention",
                    "how long OpenAI keeps its prompt cache; the answer does not depend on it")
            .neutralOnly("service_tier", value -> Set.of("auto", "default").contains(value.asText()),
                    "\"auto\" or \"default\": Bedrock's service tiers are not served")
            .build();

    public static final FieldRules TEXT = FieldRules.of("a text configuration")
            .served("format", "the answer's format")
            .refused("verbosity", NO_REASONING)
            .build();

    public static final FieldRules FORMAT = FieldRules.of("a text format")
            .served("type", "text, json_object or json_schema")
            .served("name", "for json_schema, the schema's name: " + ToolSpec.NAME_RULE)
            .served("schema", "for json_schema, the JSON Schema of the answer, an object schema (patterns in RE2 "
                    + "syntax)")
            .served("description", "for json_schema, what the answer is, for the model")
            .ignored("strict", "every structured answer is checked against its schema, strict or not")
            .build();

    public static final FieldRules TOOL = FieldRules.of("a function tool")
            .served("type", "\"function\"; web_search, file_search, code_interpreter and every other built-in tool "
                    + "are refused by name")
            .served("name", "its name: " + ToolSpec.NAME_RULE)
            .served("description", "what it does, for the model")
            .served("parameters", "the JSON Schema of its arguments")
            .neutralOnly("strict", value -> value.isBoolean() && !value.booleanValue(),
                    "false: strict schema adherence is not served yet")
            .build();

    public static final FieldRules TOOL_CHOICE = FieldRules.of("a tool choice")
            .served("type", "\"function\"")
            .served("name", "the function to call")
            .build();

    public static final FieldRules MESSAGE = FieldRules.of("a message item")
            .served("type", "\"message\" (may be left out)")
            .served("role", "user, assistant, system or developer (both as the system prompt)")
            .served("content", "a string, or content parts")
            .ignored("id", "an item id from an earlier response; the text is what the model reads")
            .ignored("status", "an earlier item's status; the text is what the model reads")
            .build();

    public static final FieldRules TEXT_PART = FieldRules.of("a text part")
            .served("type", "\"input_text\" (user, system, developer) or \"output_text\" (assistant)")
            .served("text", "the text")
            .neutralOnly("annotations", value -> value.isArray() && value.isEmpty(),
                    "[]: the gateway's answers carry no annotations")
            .neutralOnly("logprobs", value -> value.isArray() && value.isEmpty(), "[]: " + NO_LOGPROBS)
            .build();

    public static final FieldRules IMAGE_PART = FieldRules.of("an image part")
            .served("type", "\"input_image\" (user messages)")
            .served("image_url", "a data: URL (base64) of a PNG, JPEG, GIF or WebP image of at most 3.75 MB, or an "
                    + "http(s) address the gateway fetches only when media.remoteImageUrls allows it")
            .refused("file_id", "the gateway keeps no uploaded files; send the image as image_url")
            .ignored("detail", "Bedrock reads every image at its own resolution")
            .build();

    public static final FieldRules FILE_PART = FieldRules.of("a file part")
            .served("type", "\"input_file\" (user messages)")
            .served("file_data", "a data: URL (base64) of a PDF, plain text, CSV, HTML or Markdown document of at "
                    + "most 4.5 MB")
            .served("filename", "the document's name, by Bedrock's rule (ASCII letters, digits, single spaces, "
                    + "hyphens, underscores, parentheses, brackets)")
            .refused("file_id", "the gateway keeps no uploaded files; send the document as file_data")
            .refused("file_url", "the gateway fetches no address; send the document as file_data")
            .build();

    public static final FieldRules FUNCTION_CALL = FieldRules.of("a function_call item")
            .served("type", "\"function_call\": a call the model made, in an assistant turn")
            .served("call_id", "the call's id, which the function_call_output answering it names")
            .served("name", "the function called")
            .served("arguments", "its arguments, a JSON object as a string")
            .ignored("id", "an item id from an earlier response; the call_id pairs the call with its output")
            .ignored("status", "an earlier item's status")
            .build();

    public static final FieldRules FUNCTION_CALL_OUTPUT = FieldRules.of("a function_call_output item")
            .served("type", "\"function_call_output\": what a function answered, in the user's turn")
            .served("call_id", "the call it answers")
            .served("output", "the function's answer: a string or input_text parts")
            .ignored("id", "an item id; the call_id pairs the output with its call")
            .ignored("status", "an item's status")
            .build();

    private ResponsesFields() {
    }
}
