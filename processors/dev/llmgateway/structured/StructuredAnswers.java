package dev.llmgateway.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolSpec;
import java.util.List;
import java.util.Map;

/**
 * Structured output on Bedrock, two ways. A model with Bedrock's own structured output (capability
 * {@code structuredOutput}) is given the schema in Converse's {@code outputConfig} and answers JSON text. Any other
 * model is made to call one tool whose input schema is the answer's, and the tool's input becomes the answer's text.
 * Either way the answer is checked against the schema.
 */
public final class StructuredAnswers {

    private StructuredAnswers() {
    }

    /**
     * @return whether this model is given the format's schema natively rather than as a forced tool; any JSON object
     *         ({@code json_object}) is always a forced tool, which gives an object without constraining it
     */
    public static boolean bedrockNative(ModelSpec model, ResponseFormat format) {
        return format != null && model.supports(Capability.STRUCTURED_OUTPUT) && !format.anyObject();
    }

    /**
     * @return the answer, checked: for a native model its text (unless it called one of the request's tools, or the
     *         output limit cut it), for the others the forced tool's input as text
     * @throws GatewayException 502 when the model answered otherwise, or its JSON does not match the schema
     */
    public static ChatResponse answer(ResponseFormat format, ChatResponse response, boolean bedrockNative) {
        if (!bedrockNative) {
            return forcedToolAnswer(format, response);
        }
        if ("max_tokens".equals(response.stopReason()) || !response.toolUses().isEmpty()) {
            return response;
        }
        checkedText(format, response.text());
        return response;
    }

    /** @return the answer text as JSON, when it is JSON that matches the schema */
    public static JsonNode checkedText(ResponseFormat format, String text) {
        try {
            return checked(format, Json.MAPPER.readTree(text == null || text.isBlank() ? "null" : text));
        } catch (JsonProcessingException e) {
            throw notJson(format);
        }
    }

    /** The tool the model must call, named as the schema. */
    public static ToolSpec tool(ResponseFormat format) {
        return new ToolSpec(format.name(), "Give your whole answer as this tool's input.", format.schema());
    }

    /**
     * @return the answer whose text is the tool's input as JSON, or, for an answer the output limit cut before the
     *         tool's input was whole, the answer as it is (its stop reason says so)
     * @throws GatewayException 502 when the model answered otherwise, or its JSON does not match the schema
     */
    private static ChatResponse forcedToolAnswer(ResponseFormat format, ChatResponse response) {
        ContentBlock.ToolUse use = response.toolUses().stream().filter(call -> call.name().equals(format.name()))
                .findFirst().orElse(null);
        if (use == null) {
            if ("max_tokens".equals(response.stopReason())) {
                return response;
            }
            throw unanswered(format, "it answered in free text");
        }
        return new ChatResponse(checked(format, use.input()).toString(), "end_turn", response.usage(),
                response.region(), response.modelId(), List.of());
    }

    /** @return the answer, when it matches the schema */
    public static JsonNode checked(ResponseFormat format, JsonNode answer) {
        List<String> problems = AnswerSchema.of(format).problems(answer);
        if (!problems.isEmpty()) {
            throw unanswered(format, "its answer does not match the schema: " + String.join("; ", problems));
        }
        return answer;
    }

    /** The error of a streamed structured answer that is not even JSON. */
    public static GatewayException notJson(ResponseFormat format) {
        return unanswered(format, "its answer is not JSON");
    }

    private static GatewayException unanswered(ResponseFormat format, String why) {
        return new GatewayException(502, "upstream_error", "structured_output_invalid", "The model did not answer "
                + "in the form of schema '" + format.name() + "': " + why
                + ". Retry the request, or loosen the schema.",
                Map.of(), null);
    }
}
