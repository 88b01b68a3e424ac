package dev.llmgateway.responses;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;

/** Finds the {@link ResponsesCall} the request reader kept, for the steps after it. */
final class ResponsesStep {

    private ResponsesStep() {
    }

    static ResponsesCall of(GatewayCall call) {
        ResponsesCall responses = call.kept(ResponsesCall.class);
        if (responses == null) {
            throw new GatewayException(500, "server_error", "gateway_misconfigured", "The Responses call is not "
                    + "known yet: responsesRequestReader must run before this step. This is a gateway fault; report "
                    + "it to the gateway operators.");
        }
        return responses;
    }
}
