package dev.llmgateway.responses;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.http.JsonResponses;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes the model's answer as a Responses API response object, and keeps it first when the request asked to store
 * it (a response the client could not chain from would be a silent loss; a failed store is the call's error).
 */
public class ResponsesWriter implements Processor {

    private final ResponseStore store;

    public ResponsesWriter(ResponseStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ResponsesCall responses = ResponsesStep.of(call);
        ChatResponse answer = call.response();
        Map<String, Object> body = ResponseBodies.response(responses, call.request().model(),
                ResponseBodies.status(answer.stopReason()), answer.stopReason(),
                ResponseBodies.output(responses, answer), answer.usage(), null);
        if (responses.store()) {
            store.save(call.team(), responses.responseId(), responses.conversation(), body);
        }
        JsonResponses.write(exchange, 200, body);
    }
}
