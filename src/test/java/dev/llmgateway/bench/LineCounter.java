package dev.llmgateway.bench;

import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** Hands each line of a streamed response body to a consumer as it arrives. */
final class LineCounter implements Flow.Subscriber<String> {

    private final Consumer<String> onLine;
    private Flow.Subscription subscription;

    LineCounter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        onLine.accept(line);
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
