package dev.llmgateway.kamelet;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.record.TimeOrderedIds;
import org.apache.camel.Exchange;

/** How a Kamelet finds its exchange's {@link GatewayCall}: the one an earlier llm-* step started, or a new one. */
final class KameletCall {

    /** The team and feature of a call no step named. */
    static final String TEAM = "default";
    static final String FEATURE = "kamelet";

    private KameletCall() {
    }

    /**
     * @param team    the step's team, or null: the call's, else {@link #TEAM}
     * @param feature the step's feature, or null: the call's, else {@link #FEATURE}
     * @return the exchange's call, started here when there is none, attributed to the team and feature given
     */
    static GatewayCall of(Exchange exchange, String team, String feature) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null) {
            call = GatewayCall.start(exchange, TimeOrderedIds.compact());
        }
        Caller current = call.callerOrNull();
        if (current == null) {
            call.identify(Caller.of(team == null ? TEAM : team, null, feature == null ? FEATURE : feature));
        } else if (team != null && !team.equals(current.team())) {
            // another team's call: the key (and its models) an earlier step's caller used is not this team's
            call.identify(Caller.of(team, null, feature == null ? current.feature() : feature));
        } else if (feature != null && !feature.equals(current.feature())) {
            call.identify(Caller.of(current.team(), current.keyId(), feature, current.keyModels()));
        }
        return call;
    }
}
