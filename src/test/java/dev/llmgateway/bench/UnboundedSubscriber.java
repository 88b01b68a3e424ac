package dev.llmgateway.bench;

import java.util.concurrent.Flow;

/** A subscriber to a streamed response body that takes every item as it comes; subclasses say what to do with one. */
abstract class UnboundedSubscriber<T> implements Flow.Subscriber<T> {

    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onError(Throwable throwable) {
        subscription.cancel();
    }

    @Override
    public void onComplete() {
        // the response future completes; nothing to add
    }
}
