package dev.llmgateway.bench;

import java.util.function.Consumer;

/** Hands each line of a streamed response body to a consumer as it arrives. */
final class LineCounter extends UnboundedSubscriber<String> {

    private final Consumer<String> onLine;

    LineCounter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void onNext(String line) {
        onLine.accept(line);
    }
}
