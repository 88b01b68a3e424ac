package dev.llmgateway.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestDatabases;
import dev.llmgateway.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Budgets on both databases: atomic reservations under concurrency, settlement, expiry, months. */
class BudgetStoreTest {

    private static final Instant JUNE = Instant.parse("2025-06-14T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(3);
    private static final BudgetScope TEAM = new BudgetScope("analytics", null, new BigDecimal("1.00"));
    private static final BudgetScope REPORTS = new BudgetScope("analytics", "reports", new BigDecimal("0.30"));

    static Stream<Arguments> databases() {
        Supplier<Database> embedded = TestDatabases::embedded;
        Supplier<Database> postgresql = () -> TestDatabases.postgresql(TestPostgres.freshDatabase("llmgw_budget_test"));
        return Stream.of(Arguments.of(named("embedded", embedded)), Arguments.of(named("postgresql", postgresql)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void aCallIsAdmittedOnlyWhileItsWorstCaseFitsAndSettlesToItsRealCost(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            BudgetStore store = new BudgetStore(database.dataSource(), at(JUNE), TTL);

            BudgetStore.Reservation first = store.reserve(List.of(TEAM), new BigDecimal("0.60"));
            assertThatThrownBy(() -> store.reserve(List.of(TEAM), new BigDecimal("0.50")))
                    .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                        assertThat(e.scope()).isEqualTo(TEAM);
                        assertThat(e.spentUsd()).isEqualByComparingTo("0");
                        assertThat(e.reservedUsd()).isEqualByComparingTo("0.60");
                        assertThat(e.askedUsd()).isEqualByComparingTo("0.50");
                        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
                    });
            store.settle(first, new BigDecimal("0.10"));

            assertThat(store.spending(TEAM)).hasValueSatisfying(s -> {
                assertThat(s.spentUsd()).isEqualByComparingTo("0.10");
                assertThat(s.reservedUsd()).isEqualByComparingTo("0");
            });
            assertThat(store.reserve(List.of(TEAM), new BigDecimal("0.50"))).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void aBurstOfConcurrentCallsNeverReservesPastTheBudget(Supplier<Database> opened) throws Exception {
        try (Database database = opened.get()) {
            BudgetStore store = new BudgetStore(database.dataSource(), at(JUNE), TTL);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.reserve(List.of(TEAM), new BigDecimal("0.07"));
                        return true;
                    } catch (BudgetExceededException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> call : calls) {
                admitted += call.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();

            assertThat(admitted).as("floor(1.00 / 0.07)").isEqualTo(14);
            assertThat(store.spending(TEAM).orElseThrow().reservedUsd()).isEqualByComparingTo("0.98");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void aFeatureAtItsBudgetReservesNothingFromItsTeam(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            BudgetStore store = new BudgetStore(database.dataSource(), at(JUNE), TTL);
            store.reserve(List.of(TEAM, REPORTS), new BigDecimal("0.25"));

            assertThatThrownBy(() -> store.reserve(List.of(TEAM, REPORTS), new BigDecimal("0.10")))
                    .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.scope()).isEqualTo(REPORTS));

            assertThat(store.spending(TEAM).orElseThrow().reservedUsd()).isEqualByComparingTo("0.25");
            assertThat(store.reserve(List.of(TEAM), new BigDecimal("0.70"))).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void reservationsNeverSettledAreGivenBackOnceTheyExpire(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            BudgetStore died = new BudgetStore(database.dataSource(), at(JUNE), TTL);
            BudgetStore.Reservation abandoned = died.reserve(List.of(TEAM, REPORTS), new BigDecimal("0.20"));
            BudgetStore.Reservation late = died.reserve(List.of(TEAM), new BigDecimal("0.30"));
            BudgetStore sweeper = new BudgetStore(database.dataSource(), at(JUNE.plus(TTL).plusSeconds(1)), TTL);

            assertThat(new BudgetStore(database.dataSource(), at(JUNE.plus(TTL).minusSeconds(1)), TTL).releaseExpired())
                    .isZero();
            assertThat(sweeper.releaseExpired()).isEqualTo(3);
            assertThat(sweeper.releaseExpired()).isZero();
            died.settle(late, new BigDecimal("0.05"));

            assertThat(died.spending(TEAM)).hasValueSatisfying(s -> {
                assertThat(s.reservedUsd()).isEqualByComparingTo("0");
                assertThat(s.spentUsd()).as("a call settled after the sweep still pays").isEqualByComparingTo("0.05");
            });
            assertThat(died.spending(REPORTS).orElseThrow().reservedUsd()).isEqualByComparingTo("0");
            assertThat(abandoned.month()).isEqualTo("2025-06");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    @ServiceBound
    void eachMonthStartsAfresh(Supplier<Database> opened) {
        try (Database database = opened.get()) {
            BudgetStore june = new BudgetStore(database.dataSource(), at(JUNE), TTL);
            june.settle(june.reserve(List.of(TEAM), new BigDecimal("0.90")), new BigDecimal("0.90"));
            assertThatThrownBy(() -> june.reserve(List.of(TEAM), new BigDecimal("0.20")))
                    .isInstanceOf(BudgetExceededException.class);

            BudgetStore july = new BudgetStore(database.dataSource(), at(Instant.parse("2025-07-01T00:00:00Z")), TTL);

            assertThat(july.reserve(List.of(TEAM), new BigDecimal("0.20")).month()).isEqualTo("2025-07");
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsSpendingAcrossRestarts() throws Exception {
        StorageSettings settings = new StorageSettings(StorageSettings.Mode.EMBEDDED,
                Files.createTempDirectory("llmgw-budget-").toString(), null);
        try (Database database = Database.open(settings)) {
            BudgetStore store = new BudgetStore(database.dataSource(), at(JUNE), TTL);
            store.settle(store.reserve(List.of(TEAM), new BigDecimal("0.40")), new BigDecimal("0.30"));
        }

        try (Database reopened = Database.open(settings)) {
            BudgetStore store = new BudgetStore(reopened.dataSource(), at(JUNE), TTL);
            assertThat(store.spending(TEAM).orElseThrow().spentUsd()).isEqualByComparingTo("0.30");
        }
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
