package dev.llmgateway.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedBatchesTest {

    private final BoundedBatches batches = new BoundedBatches(3, 8);

    @AfterEach
    void close() {
        batches.close();
    }

    @Test
    void runsTheConcurrencyAtOnceAndNeverMoreAndAnswersInOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // every batch waits for two others: the run completes only if three run at once
        CyclicBarrier threeAtOnce = new CyclicBarrier(3);

        List<Integer> results = batches.run(9, index -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                threeAtOnce.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            inFlight.decrementAndGet();
            return index * 10;
        });

        assertThat(results).containsExactlyElementsOf(IntStream.range(0, 9).map(i -> i * 10).boxed().toList());
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void theFirstFailureStopsTheBatchesNotStartedAndIsThrown() {
        AtomicInteger started = new AtomicInteger();
        BoundedBatches oneAtATime = new BoundedBatches(1, 1);
        try {
            assertThatThrownBy(() -> oneAtATime.run(10, index -> {
                started.incrementAndGet();
                if (index == 2) {
                    throw new IllegalArgumentException("batch 2 refused");
                }
                return index;
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("batch 2 refused");
            assertThat(started.get()).isEqualTo(3);
        } finally {
            oneAtATime.close();
        }
    }
}
