package dev.llmgateway.failover;

import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.chat.UpstreamTrace;
import dev.llmgateway.model.FallbackFit;
import java.util.ArrayList;
import java.util.List;

/**
 * This instance's failover rules (deadline, backoff, breakers, region order, fallback models); each request gets its
 * own attempts.
 */
public final class RegionFailover {

    private final FailoverSettings settings;
    private final RegionBreakers breakers;
    private final RegionOrder order;
    private final FullJitterBackoff backoff;
    private final UpstreamCallListener listener;

    public RegionFailover(FailoverSettings settings, RegionBreakers breakers, RegionOrder order) {
        this(settings, breakers, order, UpstreamCallListener.NONE);
    }

    /** @param listener told how each call to a region began: answered, or failed and why */
    public RegionFailover(FailoverSettings settings, RegionBreakers breakers, RegionOrder order,
                          UpstreamCallListener listener) {
        this.settings = settings;
        this.breakers = breakers;
        this.order = order;
        this.backoff = new FullJitterBackoff(settings.backoffBaseMs(), settings.backoffMaxMs());
        this.listener = listener;
    }

    /**
     * Starts a call's way through its model's regions, then its fallbacks' (each checked against the request); its
     * deadline runs from now.
     */
    public RegionAttempts start(GatewayCall call) {
        ChatRequest request = call.request();
        PromptTokenCount tokens = call.promptTokensOrNull();
        return start(call.model(), call.fallbacks().stream()
                .map(model -> new Fallback(model, FallbackFit.check(request, tokens, model).orElse(null))).toList(),
                call.upstreamTrace());
    }

    /** Starts a call's way through one model's regions, without fallbacks (an embeddings call's). */
    public RegionAttempts start(ModelSpec model, UpstreamTrace trace) {
        return start(model, List.of(), trace);
    }

    /**
     * A fallback model of a request, and why it cannot take the request (null when it can).
     */
    record Fallback(ModelSpec model, FallbackFit.Unfit unfit) {
    }

    RegionAttempts start(ModelSpec model, List<Fallback> fallbacks) {
        return start(model, fallbacks, UpstreamTrace.NONE);
    }

    private RegionAttempts start(ModelSpec model, List<Fallback> fallbacks, UpstreamTrace trace) {
        List<RegionAttempts.Leg> legs = new ArrayList<>(fallbacks.size() + 1);
        legs.add(new RegionAttempts.Leg(model, order.of(model), null));
        fallbacks.forEach(f -> legs.add(new RegionAttempts.Leg(f.model(), order.of(f.model()), f.unfit())));
        return new RegionAttempts(legs, breakers, backoff, settings.deadlineMs(), listener, trace);
    }
}
