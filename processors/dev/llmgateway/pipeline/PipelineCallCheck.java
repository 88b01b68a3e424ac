package dev.llmgateway.pipeline;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of the in-process pipeline ({@code direct:llm-chat}): checks that the caller started a
 * {@link GatewayCall} on the exchange with its caller and a chat request that does not ask for a stream.
 */
public class PipelineCallCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null || call.callerOrNull() == null || call.requestOrNull() == null) {
            throw new GatewayException(500, "server_error", "gateway_misconfigured", "direct:llm-chat needs a "
                    + "GatewayCall with its caller and chat request on the exchange (GatewayCall.start, identify, "
                    + "setRequest); found " + (call == null ? "none" : call.callerOrNull() == null ? "no caller"
                    : "no chat request") + ".");
        }
        if (call.request().stream()) {
            throw GatewayException.invalidRequest("stream_not_supported",
                    "direct:llm-chat answers with the whole response; stream the answer over the HTTP API instead.");
        }
    }
}
