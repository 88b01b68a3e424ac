package dev.llmgateway.anthropic;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.http.JsonResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes the model's answer as an Anthropic Messages API message. */
public class AnthropicMessageWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatResponse response = call.response();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "msg_" + call.requestId());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", call.answeringAlias());
        body.put("content", content(response));
        body.put("stop_reason", response.stopReason());
        body.put("stop_sequence", MatchedStopSequence.of(response.stopReason(), call.request().stop()));
        body.put("usage", AnthropicUsage.of(response.usage(), response.reasoning().isEmpty() ? -1
                : TokenEstimator.reasoningTokens(response)));
        JsonResponses.write(exchange, 200, body);
    }

    /**
     * The reasoning blocks, the text block (left out when the model only called tools), then a tool_use block per
     * call.
     */
    private static List<Map<String, Object>> content(ChatResponse response) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        response.reasoning().forEach(block -> blocks.add(AnthropicThinking.wire(block)));
        String text = response.text() == null ? "" : response.text();
        if (!text.isEmpty() || response.toolUses().isEmpty()) {
            blocks.add(Map.of("type", "text", "text", text));
        }
        for (ContentBlock.ToolUse use : response.toolUses()) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("type", "tool_use");
            block.put("id", use.id());
            block.put("name", use.name());
            block.put("input", use.input());
            blocks.add(block);
        }
        return blocks;
    }
}
