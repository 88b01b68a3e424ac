package dev.llmgateway.openai;

import dev.llmgateway.bedrock.FinishReasons;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.guard.tokens.TokenEstimator;
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
        GatewayCall call = GatewayCall.of(exchange);
        ChatResponse response = call.response();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        boolean calls = !response.toolUses().isEmpty();
        boolean noText = response.text() == null || response.text().isEmpty();
        message.put("content", calls && noText ? null : response.text());
        if (!response.reasoning().isEmpty()) {
            message.put("reasoning_content", OpenAiReasoning.reasoningContent(response.reasoning()));
            message.put("thinking_blocks", OpenAiReasoning.thinkingBlocks(response.reasoning()));
        }
        if (calls) {
            message.put("tool_calls", toolCalls(response));
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", FinishReasons.fromBedrock(response.stopReason()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-" + call.requestId());
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", call.answeringAlias());
        body.put("choices", List.of(choice));
        body.put("usage", OpenAiUsage.of(response.usage(),
                call.request().reasoning() == null ? -1 : TokenEstimator.reasoningTokens(response)));
        JsonResponses.write(exchange, 200, body);
    }

    /** The model's tool calls as OpenAI tool_calls, their arguments a JSON string. */
    static List<Map<String, Object>> toolCalls(ChatResponse response) {
        return response.toolUses().stream().map(use -> {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", use.name());
            function.put("arguments", use.input().toString());
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("id", use.id());
            call.put("type", "function");
            call.put("function", function);
            return call;
        }).toList();
    }
}
