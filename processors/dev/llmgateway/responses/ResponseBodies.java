package dev.llmgateway.responses;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Responses API's objects: the response, its output items, its usage, as the writer and the stream send them. */
final class ResponseBodies {

    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";
    static final String IN_PROGRESS = "in_progress";
    static final String FAILED = "failed";

    private ResponseBodies() {
    }

    /**
     * @param status     completed, incomplete, in_progress or failed
     * @param stopReason why the model stopped (Bedrock's terms), for the incomplete details; null while running
     * @param usage      null while running or when it failed
     * @param error      the failure, for status failed; else null
     */
    static Map<String, Object> response(ResponsesCall call, String model, String status, String stopReason,
                                        List<Map<String, Object>> output, Usage usage, GatewayException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", call.responseId());
        body.put("object", "response");
        body.put("created_at", call.createdAt());
        body.put("status", status);
        body.put("error", error == null ? null : error(error));
        String incomplete = INCOMPLETE.equals(status) ? incompleteReason(stopReason) : null;
        body.put("incomplete_details", incomplete == null ? null : Map.of("reason", incomplete));
        body.put("model", model);
        body.put("output", output);
        call.echoed().forEach(body::put);
        body.put("usage", usage == null ? null : usage(usage));
        return body;
    }

    /** completed, or incomplete when the model was cut off (its output limit, a content filter). */
    static String status(String stopReason) {
        return incompleteReason(stopReason) == null ? COMPLETED : INCOMPLETE;
    }

    private static String incompleteReason(String stopReason) {
        if ("max_tokens".equals(stopReason)) {
            return "max_output_tokens";
        }
        if ("content_filtered".equals(stopReason) || "guardrail_intervened".equals(stopReason)) {
            return "content_filter";
        }
        return null;
    }

    /**
     * The output items of a whole answer: its text as a message, then its function calls. The last item has the
     * answer's status (incomplete when the model was cut off in it), the others are complete: as a stream sends them.
     */
    static List<Map<String, Object>> output(ResponsesCall call, ChatResponse answer) {
        List<Map<String, Object>> output = new ArrayList<>();
        List<ContentBlock.ToolUse> uses = answer.toolUses();
        String lastStatus = status(answer.stopReason());
        if (answer.text() != null && !answer.text().isEmpty()) {
            output.add(message(call.itemId(ResponseIds.MESSAGE_PREFIX, 0), uses.isEmpty() ? lastStatus : COMPLETED,
                    answer.text()));
        }
        for (int i = 0; i < uses.size(); i++) {
            ContentBlock.ToolUse use = uses.get(i);
            output.add(functionCall(call.itemId(ResponseIds.FUNCTION_CALL_PREFIX, output.size()),
                    i == uses.size() - 1 ? lastStatus : COMPLETED, use.id(), use.name(), use.input().toString()));
        }
        return output;
    }

    static Map<String, Object> message(String id, String status, String text) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.put("content", text == null ? List.of() : List.of(outputText(text)));
        return item;
    }

    static Map<String, Object> outputText(String text) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "output_text");
        part.put("text", text);
        part.put("annotations", List.of());
        part.put("logprobs", List.of());
        return part;
    }

    static Map<String, Object> functionCall(String id, String status, String callId, String name, String arguments) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }

    /** OpenAI's input tokens include the prompt-cache tokens Bedrock counts apart; the cached ones are said apart. */
    static Map<String, Object> usage(Usage usage) {
        int input = usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input_tokens", input);
        body.put("input_tokens_details", Map.of("cached_tokens", usage.cacheReadTokens()));
        body.put("output_tokens", usage.outputTokens());
        body.put("output_tokens_details", Map.of("reasoning_tokens", 0));
        body.put("total_tokens", input + usage.outputTokens());
        return body;
    }

    static Map<String, Object> error(GatewayException error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        return body;
    }
}
