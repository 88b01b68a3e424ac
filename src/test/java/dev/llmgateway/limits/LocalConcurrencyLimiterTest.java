package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalConcurrencyLimiterTest {

    private final LocalConcurrencyLimiter limiter = new LocalConcurrencyLimiter();

    @Test
    void slotsAreHeldUntilReleasedAndReleasingTwiceFreesOne() {
        Optional<ConcurrencyLimiter.Slot> first = limiter.tryAcquire("team/a", 2);
        Optional<ConcurrencyLimiter.Slot> second = limiter.tryAcquire("team/a", 2);
        assertThat(limiter.tryAcquire("team/a", 2)).isEmpty();
        assertThat(limiter.tryAcquire("team/b", 2)).as("scopes are counted apart").isPresent();

        first.orElseThrow().release();
        first.orElseThrow().release();

        assertThat(limiter.inFlight("team/a")).isEqualTo(1);
        assertThat(second).isPresent();
    }

    @Test
    void concurrentCallersNeverHoldMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    Optional<ConcurrencyLimiter.Slot> slot = limiter.tryAcquire("team/a", 3);
                    if (slot.isPresent()) {
                        most.accumulateAndGet(limiter.inFlight("team/a"), Math::max);
                        slot.get().release();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : done) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(most.get()).isBetween(1, 3);
        assertThat(limiter.inFlight("team/a")).isZero();
    }
}
