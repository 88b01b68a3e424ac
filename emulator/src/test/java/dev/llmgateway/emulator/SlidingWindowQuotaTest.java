package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowQuotaTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void requestsFreeUpSixtySecondsAfterTheyWereAdmitted() {
        SlidingWindowQuota quota = new SlidingWindowQuota(2, 0, now::get);
        assertThat(quota.tryAdmit(1)).isEmpty();
        advanceSeconds(30);
        assertThat(quota.tryAdmit(1)).isEmpty();
        assertThat(quota.tryAdmit(1)).contains(SlidingWindowQuota.TOO_MANY_REQUESTS);
        advanceSeconds(30);
        assertThat(quota.tryAdmit(1)).isEmpty();
        assertThat(quota.tryAdmit(1)).contains(SlidingWindowQuota.TOO_MANY_REQUESTS);
    }

    @Test
    void tokensCountInputAndOutputTogether() {
        SlidingWindowQuota quota = new SlidingWindowQuota(0, 100, now::get);
        assertThat(quota.tryAdmit(60)).isEmpty();
        assertThat(quota.tryAdmit(41)).contains(SlidingWindowQuota.TOO_MANY_TOKENS);
        assertThat(quota.tryAdmit(40)).isEmpty();
        advanceSeconds(61);
        assertThat(quota.tryAdmit(100)).isEmpty();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
