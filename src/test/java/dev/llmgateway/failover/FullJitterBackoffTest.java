package dev.llmgateway.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FullJitterBackoffTest {

    private final FullJitterBackoff backoff = new FullJitterBackoff(100, 1000);

    @Test
    void delaysAreSpreadUnderAnExponentialCeiling() {
        Set<Long> firstRound = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long delay = backoff.delayMs(1, 0);
            assertThat(delay).isBetween(0L, 100L);
            firstRound.add(delay);
            assertThat(backoff.delayMs(3, 0)).isBetween(0L, 400L);
            assertThat(backoff.delayMs(20, 0)).isBetween(0L, 1000L);
        }
        assertThat(firstRound).as("jitter, not one fixed delay").hasSizeGreaterThan(20);
    }

    @Test
    void theUpstreamHintIsAFloor() {
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delayMs(1, 700)).isEqualTo(700);
        }
    }
}
