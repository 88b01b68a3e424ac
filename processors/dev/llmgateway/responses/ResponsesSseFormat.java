package dev.llmgateway.responses;

import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.stream.SseFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Responses API's stream: response.created and response.in_progress; per output item output_item.added, its
 * content (content_part.added, output_text.delta, output_text.done, content_part.done for a message;
 * function_call_arguments.delta and .done for a function call) and output_item.done; then response.completed (or
 * response.incomplete when the model was cut off), or response.failed when the stream broke off. Every event is
 * numbered (sequence_number). An instance serves one stream ({@link #forCall}): it keeps the items' ids and texts
 * for the .done events and the final response, which it leaves on the call ({@link StreamedResponse}) for the store.
 * The relay calls it under the request's lock, one event at a time.
 */
public final class ResponsesSseFormat implements SseFormat {

    private final GatewayCall call;
    private final ResponsesCall responses;
    private final List<Map<String, Object>> output = new ArrayList<>();
    private int sequence;
    /** The item being streamed: its text or arguments so far; null between items. */
    private OpenItem open;

    /** The template the gateway binds; each stream gets its own instance from {@link #forCall}. */
    public ResponsesSseFormat() {
        this(null, null);
    }

    private ResponsesSseFormat(GatewayCall call, ResponsesCall responses) {
        this.call = call;
        this.responses = responses;
    }

    /** The response as the stream's last event gave it, left on the call for the store. */
    public record StreamedResponse(Map<String, Object> body) {
    }

    private static final class OpenItem {
        final String id;
        final int outputIndex;
        /** For a function call: its call id and name; null for a message. */
        final String callId;
        final String name;
        final StringBuilder content = new StringBuilder();

        OpenItem(String id, int outputIndex, String callId, String name) {
            this.id = id;
            this.outputIndex = outputIndex;
            this.callId = callId;
            this.name = name;
        }

        boolean isMessage() {
            return callId == null;
        }

        Map<String, Object> item(String status) {
            if (isMessage()) {
                // an item just opened has no content part yet
                return ResponseBodies.message(id, status,
                        ResponseBodies.IN_PROGRESS.equals(status) ? null : content.toString());
            }
            return ResponseBodies.functionCall(id, status, callId, name, content.toString());
        }
    }

    @Override
    public SseFormat forCall(GatewayCall gatewayCall) {
        return new ResponsesSseFormat(gatewayCall, ResponsesStep.of(gatewayCall));
    }

    @Override
    public boolean stateless() {
        return false;
    }

    @Override
    public String start(StreamMeta meta) {
        Map<String, Object> running = response(meta, ResponseBodies.IN_PROGRESS, null, null, null);
        return event("response.created", Map.of("response", running))
                + event("response.in_progress", Map.of("response", running));
    }

    // The Responses endpoint refuses reasoning (ResponsesFields), so its answers hold none: nothing to write for it.
    @Override
    public String reasoningStart(StreamMeta meta, int block) {
        return "";
    }

    @Override
    public String reasoningDelta(StreamMeta meta, int block, String text) {
        return "";
    }

    @Override
    public String reasoningEnd(StreamMeta meta, int block, ContentBlock.Reasoning whole) {
        return "";
    }

    @Override
    public String redactedReasoning(StreamMeta meta, int block, ContentBlock.RedactedReasoning redacted) {
        return "";
    }

    @Override
    public String textStart(StreamMeta meta) {
        return "";
    }

    @Override
    public String delta(StreamMeta meta, String text) {
        StringBuilder events = new StringBuilder();
        if (open == null || !open.isMessage()) {
            events.append(close(ResponseBodies.COMPLETED));
            open = new OpenItem(responses.itemId(ResponseIds.MESSAGE_PREFIX, output.size()), output.size(), null,
                    null);
            events.append(itemAdded());
            events.append(event("response.content_part.added", part(ResponseBodies.outputText(""))));
        }
        open.content.append(text);
        Map<String, Object> delta = inItem();
        delta.put("content_index", 0);
        delta.put("delta", text);
        delta.put("logprobs", List.of());
        return events.append(event("response.output_text.delta", delta)).toString();
    }

    @Override
    public String toolUseStart(StreamMeta meta, int index, String id, String name) {
        String closed = close(ResponseBodies.COMPLETED);
        open = new OpenItem(responses.itemId(ResponseIds.FUNCTION_CALL_PREFIX, output.size()), output.size(), id,
                name);
        return closed + itemAdded();
    }

    @Override
    public String toolUseDelta(StreamMeta meta, int index, String partialJson) {
        if (open == null || open.isMessage()) {
            throw new IllegalStateException("arguments of tool call " + index + " arrived outside its call");
        }
        open.content.append(partialJson);
        Map<String, Object> delta = inItem();
        delta.put("delta", partialJson);
        return event("response.function_call_arguments.delta", delta);
    }

    @Override
    public String finish(StreamMeta meta, String stopReason, Usage usage, int toolCalls) {
        String status = ResponseBodies.status(stopReason);
        String closed = close(status);
        Map<String, Object> done = response(meta, status, stopReason, usage, null);
        call.keep(new StreamedResponse(done));
        return closed + event(ResponseBodies.COMPLETED.equals(status) ? "response.completed" : "response.incomplete",
                Map.of("response", done));
    }

    @Override
    public String error(StreamMeta meta, GatewayException error) {
        if (open != null) {
            output.add(open.item(ResponseBodies.INCOMPLETE));
            open = null;
        }
        return event("response.failed", Map.of("response",
                response(meta, ResponseBodies.FAILED, null, null, error)));
    }

    /** The events that end the open item, if one is open, with this status. */
    private String close(String status) {
        if (open == null) {
            return "";
        }
        StringBuilder events = new StringBuilder();
        String content = open.content.toString();
        if (open.isMessage()) {
            Map<String, Object> textDone = inItem();
            textDone.put("content_index", 0);
            textDone.put("text", content);
            textDone.put("logprobs", List.of());
            events.append(event("response.output_text.done", textDone));
            events.append(event("response.content_part.done", part(ResponseBodies.outputText(content))));
        } else {
            Map<String, Object> argumentsDone = inItem();
            argumentsDone.put("name", open.name);
            argumentsDone.put("arguments", content);
            events.append(event("response.function_call_arguments.done", argumentsDone));
        }
        Map<String, Object> item = open.item(status);
        output.add(item);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("output_index", open.outputIndex);
        done.put("item", item);
        open = null;
        return events.append(event("response.output_item.done", done)).toString();
    }

    private String itemAdded() {
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("output_index", open.outputIndex);
        added.put("item", open.item(ResponseBodies.IN_PROGRESS));
        return event("response.output_item.added", added);
    }

    private Map<String, Object> inItem() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("item_id", open.id);
        body.put("output_index", open.outputIndex);
        return body;
    }

    private Map<String, Object> part(Map<String, Object> part) {
        Map<String, Object> body = inItem();
        body.put("content_index", 0);
        body.put("part", part);
        return body;
    }

    private Map<String, Object> response(StreamMeta meta, String status, String stopReason, Usage usage,
                                         GatewayException error) {
        return ResponseBodies.response(responses, meta.model(), status, stopReason, List.copyOf(output), usage, error);
    }

    private String event(String type, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("sequence_number", sequence++);
        body.putAll(fields);
        return "event: " + type + "\ndata: " + new String(Json.bytes(body), StandardCharsets.UTF_8) + "\n\n";
    }
}
