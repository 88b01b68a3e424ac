package dev.llmgateway.pipeline;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.ErrorClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs when a step of the in-process pipeline fails and the failure goes back to the caller: classifies it as the
 * HTTP routes do (for the call record) and makes the {@link GatewayException} the exception the caller receives,
 * whatever the step threw.
 */
public class PipelineErrorClassifier implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayException error = ErrorClassifier.classify(exchange);
        // Not handled: Camel puts the caught exception back on the exchange when this step ends.
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
    }
}
