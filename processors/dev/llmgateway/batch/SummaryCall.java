package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatResponse;

/** Makes one summary call upstream; failures are thrown (a GatewayException for anything the gateway refused). */
@FunctionalInterface
public interface SummaryCall {

    ChatResponse call(SummaryRequest request);
}
