package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.store.Database;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestDatabases;
import dev.llmgateway.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits and concurrency slots in PostgreSQL hold across instances: two connection pools stand for two gateways. */
@ServiceBound
class SharedLimitsTest {

    private static final Duration LEASE_TTL = Duration.ofMinutes(3);
    private Database instanceA;
    private Database instanceB;

    @BeforeEach
    void open() {
        String url = TestPostgres.freshDatabase("llmgw_shared_limits_test");
        instanceA = TestDatabases.postgresql(url);
        instanceB = TestDatabases.postgresql(url);
    }

    @AfterEach
    void close() {
        instanceA.close();
        instanceB.close();
    }

    @Test
    void twoInstancesAdmitNoMoreThanTheLimitBetweenThem() throws Exception {
        RateLimit limit = new RateLimit("team a", "team/a", RateDimension.REQUESTS, 30);
        List<RateLimiter> limiters = List.of(new RateLimiter(new PostgresBucketStore(instanceA.dataSource())),
                new RateLimiter(new PostgresBucketStore(instanceB.dataSource())));
        long start = System.nanoTime();

        int admitted = concurrently(16, i -> limiters.get(i % 2).admit(List.of(limit), 0).admitted());

        long refilled = (System.nanoTime() - start) * 30 / Duration.ofMinutes(1).toNanos();
        assertThat(admitted).isBetween(30, 30 + (int) refilled);
    }

    @Test
    void tokensSettledOnOneInstanceAreSeenByTheOther() {
        RateLimit limit = new RateLimit("team a", "team/a", RateDimension.TOKENS, 1000);
        RateLimiter onA = new RateLimiter(new PostgresBucketStore(instanceA.dataSource()));
        RateLimiter onB = new RateLimiter(new PostgresBucketStore(instanceB.dataSource()));

        RateCheck reserved = onA.admit(List.of(limit), 900);
        assertThat(onB.admit(List.of(limit), 900).admitted()).isFalse();
        onA.settle(reserved.taken(), 900, 100);

        assertThat(onB.admit(List.of(limit), 800).admitted()).isTrue();
    }

    @Test
    void twoInstancesNeverHoldMoreSlotsThanTheLimit() throws Exception {
        Clock clock = Clock.systemUTC();
        List<SharedConcurrencyLimiter> limiters = List.of(
                new SharedConcurrencyLimiter(instanceA.dataSource(), clock, LEASE_TTL),
                new SharedConcurrencyLimiter(instanceB.dataSource(), clock, LEASE_TTL));
        List<ConcurrencyLimiter.Slot> held = java.util.Collections.synchronizedList(new ArrayList<>());

        int acquired = concurrently(16, i -> limiters.get(i % 2).tryAcquire("team/a", 5).map(held::add).isPresent());

        assertThat(acquired).isEqualTo(5);
        held.get(0).release();
        held.get(0).release();
        assertThat(limiters.get(1).tryAcquire("team/a", 5)).as("one slot came back, once").isPresent();
        assertThat(limiters.get(0).tryAcquire("team/a", 5)).isEmpty();
    }

    @Test
    void slotsOfAnInstanceThatDiedComeBackWhenTheirLeasesExpire() {
        Instant now = Instant.now();
        SharedConcurrencyLimiter died = new SharedConcurrencyLimiter(instanceA.dataSource(),
                Clock.fixed(now, ZoneOffset.UTC), LEASE_TTL);
        Optional<ConcurrencyLimiter.Slot> abandoned = died.tryAcquire("team/a", 1);
        SharedConcurrencyLimiter soon = new SharedConcurrencyLimiter(instanceB.dataSource(),
                Clock.fixed(now.plus(LEASE_TTL).minusSeconds(1), ZoneOffset.UTC), LEASE_TTL);
        SharedConcurrencyLimiter later = new SharedConcurrencyLimiter(instanceB.dataSource(),
                Clock.fixed(now.plus(LEASE_TTL).plusSeconds(1), ZoneOffset.UTC), LEASE_TTL);

        assertThat(abandoned).isPresent();
        assertThat(soon.tryAcquire("team/a", 1)).isEmpty();
        assertThat(later.tryAcquire("team/a", 1)).isPresent();
    }

    /** Runs the attempt n times from n threads at once. @return how many returned true */
    private static int concurrently(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            Callable<Integer> work = () -> {
                start.await();
                int successes = 0;
                for (int i = 0; i < 5; i++) {
                    successes += attempt.run(thread * 5 + i) ? 1 : 0;
                }
                return successes;
            };
            results.add(pool.submit(work));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return total;
    }

    @FunctionalInterface
    private interface Attempt {
        boolean run(int index);
    }
}
