package dev.llmgateway.openai;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.ErrorClassifier;
import dev.llmgateway.http.JsonResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers a failed request with an OpenAI-style error body and the right status. */
public class OpenAiErrorWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayException error = ErrorClassifier.classify(exchange);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", error.getMessage());
        detail.put("type", error.type());
        detail.put("param", null);
        detail.put("code", error.code());
        JsonResponses.write(exchange, error.status(), Map.of("error", detail), error.headers());
    }
}
