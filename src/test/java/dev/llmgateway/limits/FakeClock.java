package dev.llmgateway.limits;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A clock for token buckets that moves only when a test moves it. */
final class FakeClock implements TimeMeter {

    private long nanos;

    void advance(Duration by) {
        nanos += by.toNanos();
    }

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
