package dev.llmgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.keys.RunningGateway;
import dev.llmgateway.usage.UsageCsv;
import dev.llmgateway.usage.UsageDimension;
import dev.llmgateway.usage.UsageFigures;
import dev.llmgateway.usage.UsageJson;
import dev.llmgateway.usage.UsageQuery;
import dev.llmgateway.usage.UsageReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report read back from the usage API's JSON prints exactly as the report the database gave. */
class UsageOverHttpTest {

    private static UsageFigures figures(long requests, String cost, String saved) {
        return new UsageFigures(requests, 1000 * requests, 200 * requests, 3, 4, new BigDecimal(cost), 1,
                new BigDecimal(saved), 1, 0);
    }

    private static Map<UsageDimension, String> keys(String team, String feature, String day) {
        Map<UsageDimension, String> keys = new LinkedHashMap<>();
        keys.put(UsageDimension.TEAM, team);
        keys.put(UsageDimension.FEATURE, feature);
        keys.put(UsageDimension.DAY, day);
        return keys;
    }

    @Test
    void theJsonRoundTripKeepsEveryFigureAndKeyExactly() {
        UsageQuery query = new UsageQuery(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T12:30:00Z"),
                List.of(UsageDimension.TEAM, UsageDimension.FEATURE, UsageDimension.DAY), null, "ranking");
        UsageReport report = new UsageReport(query, figures(5, "0.001875000000", "1.50"), List.of(
                new UsageReport.Row(keys(null, "ranking", "2026-11-01"), figures(1, "0E-10", "0")),
                new UsageReport.Row(keys("search", "ranking", "2026-11-02"), figures(4, "0.000625", "12345678.9"))));

        UsageReport read = UsageOverHttp.fromJson(RunningGateway.parse(UsageJson.bytes(report)), query);

        assertThat(read).isEqualTo(report);
        assertThat(UsageTable.of(read)).isEqualTo(UsageTable.of(report));
        assertThat(UsageCsv.of(read)).isEqualTo(UsageCsv.of(report));
        assertThat(UsageJson.bytes(read)).isEqualTo(UsageJson.bytes(report));
    }

    @Test
    void theQueryGoesWithItsPeriodResolved() {
        UsageQuery query = new UsageQuery(Instant.parse("2026-10-22T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"),
                List.of(UsageDimension.MODEL, UsageDimension.REGION), "team-a", null);

        assertThat(UsageOverHttp.queryString(query)).isEqualTo("from=2026-10-22T00%3A00%3A00Z"
                + "&to=2026-11-21T00%3A00%3A00Z&group_by=model%2Cregion&team=team-a&format=json");
    }
}
