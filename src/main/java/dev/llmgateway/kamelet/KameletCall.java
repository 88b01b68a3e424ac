package dev.llmgateway.kamelet;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.record.TimeOrderedIds;
import org.apache.camel.Exchange;

/** How a Kamelet finds its exchange's {@link GatewayCall}: the one an earlier llm-* step started, or a new one. */
final class KameletCall {

    private KameletCall() {
    }

    /** @return the exchange's call, started here when there is none; its caller, unless named, the team and feature */
    static GatewayCall of(Exchange exchange, String team, String feature) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null) {
            call = GatewayCall.start(exchange, TimeOrderedIds.compact());
        }
        if (call.callerOrNull() == null) {
            call.identify(Caller.of(team, null, feature));
        }
        return call;
    }
}
