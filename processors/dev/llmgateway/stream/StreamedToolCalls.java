package dev.llmgateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool calls of one streamed answer: which of Bedrock's content blocks is which call (the client numbers calls
 * from 0, Bedrock numbers all blocks), and each call's input as its fragments arrive.
 */
final class StreamedToolCalls {

    private final Map<Integer, Call> byBlock = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    private record Call(int index, String id, String name, StringBuilder input) {
    }

    /** @return the client's index of the call that starts at this block */
    int start(int block, String id, String name) {
        Call call = new Call(calls.size(), id, name, new StringBuilder());
        calls.add(call);
        byBlock.put(block, call);
        return call.index();
    }

    /** @return the client's index of the call at this block, or -1 when the block is not a tool call */
    int index(int block) {
        Call call = byBlock.get(block);
        return call == null ? -1 : call.index();
    }

    void append(int index, String fragment) {
        calls.get(index).input().append(fragment);
    }

    /** Replaces the call's input with the guardrail's masked one. */
    void replace(int index, String input) {
        calls.get(index).input().setLength(0);
        calls.get(index).input().append(input);
    }

    String id(int index) {
        return calls.get(index).id();
    }

    String name(int index) {
        return calls.get(index).name();
    }

    /** The input of the call as it arrived. */
    String inputText(int index) {
        return calls.get(index).input().toString();
    }

    /** The input of the call, parsed (an empty object for an empty input); null when it is not valid JSON. */
    JsonNode input(int index) {
        String input = inputText(index);
        try {
            return Json.MAPPER.readTree(input.isBlank() ? "{}" : input);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    int count() {
        return calls.size();
    }

    /** The calls as tool-use blocks; an input that is not (yet) valid JSON is kept as a JSON string. */
    List<ContentBlock.ToolUse> toolUses() {
        List<ContentBlock.ToolUse> uses = new ArrayList<>(calls.size());
        for (Call call : calls) {
            JsonNode input = input(call.index());
            uses.add(new ContentBlock.ToolUse(call.id(), call.name(),
                    input != null ? input : Json.MAPPER.getNodeFactory().textNode(inputText(call.index()))));
        }
        return uses;
    }
}
