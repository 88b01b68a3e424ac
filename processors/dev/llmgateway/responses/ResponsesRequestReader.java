package dev.llmgateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads an OpenAI Responses request into a {@link ChatRequest}, refusing what Bedrock could not serve, and keeps the
 * {@link ResponsesCall} the writer and the stream need. A follow-up ({@code previous_response_id}) continues the
 * team's stored conversation: its input and output items come before the new input.
 */
public class ResponsesRequestReader implements Processor {

    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;

    private final ResponseStore store;

    public ResponsesRequestReader(ResponseStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        ResponsesFields.REQUEST.check(body, "");
        GatewayCall call = GatewayCall.of(exchange);
        String model = JsonFields.requiredString(body, "model");
        ArrayNode input = input(body);
        String instructions = JsonFields.optionalString(body, "instructions");
        Map<String, String> metadata = metadata(body.get("metadata"));
        List<ToolSpec> tools = ResponsesTools.tools(body);
        ToolChoice toolChoice = ResponsesTools.toolChoice(body, !tools.isEmpty());
        Integer maxTokens = JsonFields.optionalPositiveInt(body, "max_output_tokens");
        Double temperature = JsonFields.optionalNumber(body, "temperature", 0, 2);
        Double topP = JsonFields.optionalNumber(body, "top_p", 0, 1);
        String user = JsonFields.optionalString(body, "user");
        boolean store = !body.hasNonNull("store") || JsonFields.optionalBoolean(body, "store");
        String previousId = JsonFields.optionalString(body, "previous_response_id");

        ResponseFormat format = ResponsesTools.responseFormat(body);
        List<ChatMessage> inputMessages = ResponsesInput.messages(input, "input");

        // the stored conversation is read once everything the caller sent has passed
        List<ChatMessage> messages = new ArrayList<>();
        if (instructions != null && !instructions.isBlank()) {
            messages.add(new ChatMessage(ChatRole.SYSTEM, instructions));
        }
        ArrayNode conversation = Json.MAPPER.createArrayNode();
        if (previousId != null) {
            ArrayNode earlier = previous(call.team(), previousId);
            messages.addAll(ResponsesInput.messages(earlier, "previous_response_id"));
            conversation.addAll(earlier);
        }
        messages.addAll(inputMessages);
        conversation.addAll(input);

        ChatRequest request = ChatRequest.builder(model, messages)
                .maxTokens(maxTokens)
                .temperature(temperature)
                .topP(topP)
                .user(user)
                .stream(JsonFields.optionalBoolean(body, "stream"))
                .tools(tools)
                .toolChoice(toolChoice)
                .oneToolCall(!JsonFields.optionalBoolean(body, "parallel_tool_calls", true))
                .responseFormat(format)
                .build();

        Map<String, Object> echoed = new LinkedHashMap<>();
        echoed.put("instructions", instructions);
        echoed.put("max_output_tokens", maxTokens);
        echoed.put("parallel_tool_calls", !request.oneToolCall());
        echoed.put("previous_response_id", previousId);
        echoed.put("reasoning", reasoning());
        echoed.put("store", store);
        echoed.put("temperature", temperature);
        echoed.put("text", text(body.get("text")));
        echoed.put("tool_choice", toolChoice(toolChoice));
        echoed.put("tools", tools.stream().map(ResponsesRequestReader::tool).toList());
        echoed.put("top_p", topP);
        echoed.put("truncation", "disabled");
        echoed.put("user", user);
        echoed.put("metadata", metadata);
        call.keep(new ResponsesCall(ResponseIds.next(), call.receivedAt().getEpochSecond(), echoed, conversation,
                store));
        call.setRequest(request);
    }

    /** The input as items: a string is one user message. */
    private static ArrayNode input(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw JsonFields.missing("input");
        }
        if (input.isTextual()) {
            if (input.textValue().isBlank()) {
                throw GatewayException.invalidRequest("invalid_value", "input is empty.");
            }
            ArrayNode items = Json.MAPPER.createArrayNode();
            items.addObject().put("type", "message").put("role", "user").put("content", input.textValue());
            return items;
        }
        return (ArrayNode) JsonFields.requiredNonEmptyArray(body, "input");
    }

    private ArrayNode previous(String team, String id) {
        return store.find(team, id).map(ResponseStore.Stored::followedBy).orElseThrow(() -> new GatewayException(404,
                "invalid_request_error", "previous_response_not_found", "previous_response_id: there is no stored "
                + "response '" + quoted(id) + "' of your team (it may have expired, been deleted, or been made with "
                + "store: false)."));
    }

    static String quoted(String id) {
        return id.length() > 80 ? id.substring(0, 80) + "..." : id;
    }

    private static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        JsonFields.requiredObject(node, "metadata");
        if (node.size() > MAX_METADATA_PAIRS) {
            throw GatewayException.invalidRequest("invalid_value", "metadata holds " + node.size()
                    + " pairs; at most " + MAX_METADATA_PAIRS + " are allowed.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.length() > MAX_METADATA_KEY) {
                throw GatewayException.invalidRequest("invalid_value", "metadata keys are at most "
                        + MAX_METADATA_KEY + " characters; '" + quoted(key) + "' is longer.");
            }
            if (!field.getValue().isTextual() || field.getValue().textValue().length() > MAX_METADATA_VALUE) {
                throw GatewayException.invalidRequest("invalid_value", "metadata." + key + " must be a string of at "
                        + "most " + MAX_METADATA_VALUE + " characters.");
            }
            metadata.put(key, field.getValue().textValue());
        }
        return metadata;
    }

    private static Map<String, Object> reasoning() {
        Map<String, Object> reasoning = new LinkedHashMap<>();
        reasoning.put("effort", null);
        reasoning.put("summary", null);
        return reasoning;
    }

    private static JsonNode text(JsonNode text) {
        JsonNode format = text == null ? null : text.get("format");
        if (format == null || format.isNull()) {
            return Json.MAPPER.createObjectNode().set("format", Json.MAPPER.createObjectNode().put("type", "text"));
        }
        return Json.MAPPER.createObjectNode().set("format", format);
    }

    private static Object toolChoice(ToolChoice choice) {
        if (choice == null) {
            return "auto";
        }
        return switch (choice.kind()) {
            case AUTO -> "auto";
            case ANY -> "required";
            case NONE -> "none";
            case TOOL -> Map.of("type", "function", "name", choice.name());
        };
    }

    private static Map<String, Object> tool(ToolSpec spec) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("name", spec.name());
        tool.put("description", spec.description());
        tool.put("parameters", spec.inputSchema());
        tool.put("strict", false);
        return tool;
    }
}
