package dev.llmgateway.guard.pii;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.JsonStrings;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Puts the values {@link PiiRedactionProcessor} replaced back into the answer, for the caller only. The model's
 * reasoning keeps the placeholders it was written with: its signature covers that text, and the client sends it
 * back unchanged.
 */
public class PiiRestoreProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        PlaceholderMap placeholders = call.kept(PlaceholderMap.class);
        ChatResponse response = call.responseOrNull();
        if (placeholders == null || response == null) {
            return;
        }
        call.setResponse(new ChatResponse(placeholders.restore(response.text()), response.stopReason(),
                response.usage(), response.region(), response.modelId(), response.toolUses().stream()
                .map(use -> new ContentBlock.ToolUse(use.id(), use.name(),
                        JsonStrings.map(use.input(), placeholders::restore)))
                .toList(), response.reasoning()));
    }

    /** @return what puts the redacted values back into one value (of a tool input), or null when none were */
    public static UnaryOperator<String> valueRestorer(GatewayCall call) {
        PlaceholderMap placeholders = call.kept(PlaceholderMap.class);
        return placeholders == null ? null : placeholders::restore;
    }

    /** @return a restorer for a streamed answer of this call, or null when nothing was redacted */
    public static StreamingRestorer streamingRestorer(GatewayCall call) {
        PlaceholderMap placeholders = call.kept(PlaceholderMap.class);
        return placeholders == null ? null : new StreamingRestorer(placeholders);
    }
}
