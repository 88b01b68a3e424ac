package dev.llmgateway.openai;

import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.http.JsonResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failed request with an OpenAI-style error body and the right status. The client never sees a
 * stack trace: an unexpected failure is a 500 that names the request id, and the trace goes to the log.
 */
public class OpenAiErrorWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorWriter.class);

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = toGatewayException(exchange, failure);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", error.getMessage());
        detail.put("type", error.type());
        detail.put("param", null);
        detail.put("code", error.code());
        JsonResponses.write(exchange, error.status(), Map.of("error", detail), error.headers());
    }

    private static GatewayException toGatewayException(Exchange exchange, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException gateway) {
                return gateway;
            }
        }
        GatewayException upstream = UpstreamErrors.toGatewayException(failure);
        if (upstream != null) {
            return upstream;
        }
        String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
        LOG.error("Request {} failed unexpectedly", requestId, failure);
        return new GatewayException(500, "server_error", "internal_error",
                "The gateway failed to serve this request (request id " + requestId + "); the operators can find "
                        + "the cause in the gateway's log under that id.");
    }
}
