package dev.llmgateway.anthropic;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.http.JsonResponses;
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
        body.put("model", call.request().model());
        body.put("content", List.of(Map.of("type", "text", "text", response.text())));
        body.put("stop_reason", response.stopReason());
        body.put("stop_sequence", null);
        body.put("usage", Map.of("input_tokens", response.usage().inputTokens(),
                "output_tokens", response.usage().outputTokens()));
        JsonResponses.write(exchange, 200, body);
    }
}
