package dev.llmgateway.openai;

import dev.llmgateway.bedrock.FinishReasons;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.http.JsonResponses;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes the model's answer as an OpenAI chat completion. */
public class OpenAiChatResponseWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChatResponse response = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", response.text());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", FinishReasons.fromBedrock(response.stopReason()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-" + exchange.getProperty(GatewayExchange.REQUEST_ID, String.class));
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", GatewayExchange.chatRequest(exchange).model());
        body.put("choices", List.of(choice));
        body.put("usage", Map.of(
                "prompt_tokens", response.usage().inputTokens(),
                "completion_tokens", response.usage().outputTokens(),
                "total_tokens", response.usage().totalTokens()));
        JsonResponses.write(exchange, 200, body);
    }
}
