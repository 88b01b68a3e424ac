package dev.llmgateway.guard.pii;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Puts the values {@link PiiRedactionProcessor} replaced back into the answer, for the caller only. */
public class PiiRestoreProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        PlaceholderMap placeholders = call.kept(PlaceholderMap.class);
        ChatResponse response = call.responseOrNull();
        if (placeholders == null || response == null) {
            return;
        }
        call.setResponse(new ChatResponse(placeholders.restore(response.text()),
                response.stopReason(), response.usage(), response.region(), response.modelId()));
    }

    /** @return a restorer for a streamed answer of this call, or null when nothing was redacted */
    public static StreamingRestorer streamingRestorer(GatewayCall call) {
        PlaceholderMap placeholders = call.kept(PlaceholderMap.class);
        return placeholders == null ? null : new StreamingRestorer(placeholders);
    }
}
