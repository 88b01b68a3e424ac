package dev.llmgateway.failover;

import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.chat.ModelSpec;

/** This instance's failover rules (deadline, backoff, breakers, region order); each request gets its own attempts. */
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

    /** Starts a request's way through the model's regions; its deadline runs from now. */
    public RegionAttempts start(ModelSpec model) {
        return new RegionAttempts(model, order.of(model), breakers, backoff, settings.deadlineMs(), listener);
    }
}
