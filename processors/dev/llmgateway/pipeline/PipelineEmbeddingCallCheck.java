package dev.llmgateway.pipeline;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of the in-process embeddings chain ({@code direct:llm-embed}): checks that the caller started a
 * {@link GatewayCall} on the exchange with its caller and an embeddings request.
 */
public class PipelineEmbeddingCallCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null || call.callerOrNull() == null || call.embeddingRequestOrNull() == null) {
            throw new GatewayException(500, "server_error", "gateway_misconfigured", "direct:llm-embed needs a "
                    + "GatewayCall with its caller and embeddings request on the exchange (GatewayCall.start, "
                    + "identify, setEmbeddingRequest); found " + (call == null ? "none" : call.callerOrNull() == null
                    ? "no caller" : "no embeddings request") + ".");
        }
    }
}
