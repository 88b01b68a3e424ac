package dev.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.ledger.CostLedger;
import dev.llmgateway.ledger.LedgerSettings;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.store.StorageSettings.Mode;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The report's SQL on both storage modes, over ledger rows written by the ledger itself. */
@ServiceBound
class UsageStoreTest {

    private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

    private static CallRecord call(String at, String team, String feature, String model, String region, long input,
                                   long output, String cost, String cacheHit, String saved, int status, String outcome) {
        return new CallRecord(Instant.parse(at), "req-" + at, "chat-completions", team, feature, "key_1", model,
                model == null ? null : model + "-id", region, null, false, input, output, 0, 0, new BigDecimal(cost),
                cacheHit, new BigDecimal(saved), 100, 100, 90L, status, outcome);
    }

    private static final List<CallRecord> CALLS = List.of(
            call("2026-11-02T09:00:00Z", "search", "ranking", "sonnet", "us-east-1", 1000, 100, "0.0045", null, "0", 200, "ok"),
            call("2026-11-02T23:59:59.999Z", "search", "autocomplete", "haiku", "us-east-1", 200, 50, "0.0001125", null, "0", 200, "ok"),
            call("2026-11-03T00:00:00Z", "search", "ranking", "sonnet", "us-west-2", 0, 0, "0", "exact", "0.0045", 200, "ok"),
            call("2026-11-03T10:00:00Z", "billing", "invoices", "sonnet", "us-west-2", 0, 0, "0", null, "0", 429, "upstream_throttled"),
            call("2026-11-03T11:00:00Z", "billing", "invoices", "haiku", null, 0, 0, "0", null, "0", 400, "invalid_request"),
            call("2026-11-04T12:00:00Z", null, null, null, null, 0, 0, "0", null, "0", 401, "missing_api_key"),
            call("2026-10-31T23:59:59Z", "search", "ranking", "sonnet", "us-east-1", 999, 999, "1", null, "0", 200, "ok"),
            call("2026-12-01T00:00:00Z", "search", "ranking", "sonnet", "us-east-1", 999, 999, "1", null, "0", 200, "ok"));

    private static UsageStore storeWithCalls(Database database) throws Exception {
        String spool = Files.createTempDirectory("llmgw-spool-").toString();
        try (CostLedger ledger = CostLedger.start(database.dataSource(),
                new LedgerSettings(100, 3_600_000L, 100, spool, 3_600_000L), Path.of("unused"))) {
            CALLS.forEach(ledger::recorded);
        }
        return new UsageStore(database.dataSource());
    }

    private static Database freshDatabase(Mode mode) throws Exception {
        if (mode == Mode.POSTGRESQL) {
            return Database.open(new StorageSettings(mode, "data", new StorageSettings.Postgresql(
                    TestPostgres.freshDatabase("llmgw_usage_store"), TestPostgres.USER, "", 2)));
        }
        return Database.open(new StorageSettings(mode, Files.createTempDirectory("llmgw-usage-").toString(), null));
    }

    private static Map<String, Long> requestsBy(UsageReport report) {
        Map<String, Long> requests = new LinkedHashMap<>();
        report.rows().forEach(row -> requests.put(String.join("|", row.keys().values().stream()
                .map(String::valueOf).toList()), row.figures().requests()));
        return requests;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void totalsCoverThePeriodOnlyWithEveryFigure(Mode mode) throws Exception {
        try (Database database = freshDatabase(mode)) {
            UsageReport report = storeWithCalls(database).report(new UsageQuery(NOV_1, DEC_1, List.of(), null, null));

            UsageFigures totals = report.totals();
            assertThat(totals.requests()).isEqualTo(6);
            assertThat(totals.inputTokens()).isEqualTo(1200);
            assertThat(totals.outputTokens()).isEqualTo(150);
            assertThat(totals.costUsd()).isEqualByComparingTo("0.0046125");
            assertThat(totals.cacheHits()).isEqualTo(1);
            assertThat(totals.savedCostUsd()).isEqualByComparingTo("0.0045");
            assertThat(totals.errors()).isEqualTo(3);
            assertThat(totals.throttles()).isEqualTo(1);
            assertThat(report.rows()).extracting(UsageReport.Row::figures).containsExactly(totals);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void groupsAreOrderedByTheirKeysWithCallsWithoutATeamLast(Mode mode) throws Exception {
        try (Database database = freshDatabase(mode)) {
            UsageStore store = storeWithCalls(database);

            UsageReport byTeamAndDay = store.report(new UsageQuery(NOV_1, DEC_1,
                    List.of(UsageDimension.TEAM, UsageDimension.DAY), null, null));
            UsageReport byModelAndRegion = store.report(new UsageQuery(NOV_1, DEC_1,
                    List.of(UsageDimension.MODEL, UsageDimension.REGION), null, null));
            UsageReport byFeature = store.report(new UsageQuery(NOV_1, DEC_1, List.of(UsageDimension.FEATURE),
                    null, null));

            assertThat(requestsBy(byTeamAndDay)).containsExactly(Map.entry("billing|2026-11-03", 2L),
                    Map.entry("search|2026-11-02", 2L), Map.entry("search|2026-11-03", 1L),
                    Map.entry("null|2026-11-04", 1L));
            assertThat(requestsBy(byModelAndRegion)).containsExactly(Map.entry("haiku|us-east-1", 1L),
                    Map.entry("haiku|null", 1L), Map.entry("sonnet|us-east-1", 1L), Map.entry("sonnet|us-west-2", 2L),
                    Map.entry("null|null", 1L));
            assertThat(requestsBy(byFeature)).containsExactly(Map.entry("autocomplete", 1L),
                    Map.entry("invoices", 2L), Map.entry("ranking", 2L), Map.entry("null", 1L));
            assertThat(byTeamAndDay.totals()).isEqualTo(byFeature.totals());
            assertThat(byTeamAndDay.rows().get(0).figures().throttles()).isEqualTo(1);
            assertThat(byTeamAndDay.rows().get(0).figures().errors()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void teamAndFeatureFiltersNarrowTheReport(Mode mode) throws Exception {
        try (Database database = freshDatabase(mode)) {
            UsageStore store = storeWithCalls(database);

            UsageReport search = store.report(new UsageQuery(NOV_1, DEC_1, List.of(UsageDimension.TEAM), "search", null));
            UsageReport ranking = store.report(new UsageQuery(NOV_1, DEC_1, List.of(), "search", "ranking"));
            UsageReport nobody = store.report(new UsageQuery(NOV_1, DEC_1, List.of(UsageDimension.DAY), "nobody", null));

            assertThat(requestsBy(search)).containsExactly(Map.entry("search", 3L));
            assertThat(ranking.totals().requests()).isEqualTo(2);
            assertThat(ranking.totals().costUsd()).isEqualByComparingTo("0.0045");
            assertThat(nobody.rows()).isEmpty();
            assertThat(nobody.totals()).isEqualTo(UsageFigures.NONE);
        }
    }
}
