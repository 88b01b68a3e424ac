package dev.llmgateway.anthropic;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.ErrorClassifier;
import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers a failed /v1/messages request in the Anthropic error shape with the right status. */
public class AnthropicErrorWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayException error = ErrorClassifier.classify(exchange);
        JsonResponses.write(exchange, error.status(), AnthropicErrors.body(error), error.headers());
    }
}
