package dev.llmgateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.ledger.CostLedger;
import dev.llmgateway.ledger.LedgerSettings;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.StorageSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jar's usage command over a ledger in the embedded database. */
class UsageCommandTest {

    private static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static Map<String, String> environment;

    private record Run(int status, String out, String err) {
    }

    private static CallRecord call(String at, String team, String feature, long input, long output, String cost,
                                   int status, String outcome) {
        return new CallRecord(Instant.parse(at), "req-" + at, "chat-completions", team, feature, "key_1",
                "claude-3-haiku", "anthropic.claude-3-haiku-20240307-v1:0", "us-east-1", null, false, input, output, 0,
                0, new BigDecimal(cost), null, BigDecimal.ZERO, 100, 100, 90L, status, outcome);
    }

    @BeforeAll
    static void ledgerWithCalls() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-report-");
        try (Database database = Database.open(new StorageSettings(StorageSettings.Mode.EMBEDDED, dataDir.toString(),
                null));
             CostLedger ledger = CostLedger.start(database.dataSource(), LedgerSettings.defaults(), dataDir)) {
            ledger.recorded(call("2026-11-02T10:00:00Z", "search", "ranking", 1000, 200, "0.0005", 200, "ok"));
            ledger.recorded(call("2026-11-03T10:00:00Z", "search", "ranking", 3000, 400, "0.00125", 200, "ok"));
            ledger.recorded(call("2026-11-03T11:00:00Z", "billing", "invoices", 2000, 100, "0.000625", 200, "ok"));
            ledger.recorded(call("2026-11-04T11:00:00Z", "billing", "invoices", 0, 0, "0", 429, "upstream_throttled"));
            ledger.recorded(call("2026-09-01T11:00:00Z", "billing", "invoices", 9, 9, "9", 200, "ok"));
        }
        environment = Map.of("LLMGW_STORAGE_DATADIR", dataDir.toString());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = UsageCommand.run(args, environment, NOV_20, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aTableGroupedByTeamWithATotal() {
        Run run = run("--group-by", "team");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage from 2026-10-22T00:00:00Z to 2026-11-21T00:00:00Z (not included)\n\n")
                .contains("""
                        TEAM     REQUESTS  INPUT TOKENS  OUTPUT TOKENS  CACHE READ  CACHE WRITE  COST USD  CACHE HITS  SAVED USD  ERRORS  THROTTLED
                        billing         2          2000            100           0            0    0.0006           0     0.0000       1          1
                        search          2          4000            600           0            0    0.0018           0     0.0000       0          0
                        TOTAL           4          6000            700           0            0    0.0024           0     0.0000       1          1
                        """);
    }

    @Test
    void csvByTeamAndDayForOneTeamAndPeriod() {
        Run run = run("--from", "2026-11-03", "--to", "2026-11-05", "--group-by", "team,day", "--team", "search",
                "--format", "csv");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("team,day,requests,input_tokens,output_tokens,cache_read_tokens,"
                + "cache_write_tokens,cost_usd,cache_hits,saved_cost_usd,errors,throttles\r\n"
                + "search,2026-11-03,1,3000,400,0,0,0.00125,0,0,0,0\r\n");
    }

    @Test
    void jsonIsTheUsageApisFormat() throws Exception {
        Run run = run("--format", "JSON", "--feature", "invoices");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("object").asText()).isEqualTo("usage");
        assertThat(report.get("feature").asText()).isEqualTo("invoices");
        assertThat(report.at("/totals/requests").asLong()).isEqualTo(2);
        assertThat(report.at("/totals/throttles").asLong()).isEqualTo(1);
        assertThat(report.at("/totals/cost_usd").decimalValue()).isEqualByComparingTo("0.000625");
    }

    @Test
    void badOptionsAreExplainedByTheirOptionNames() {
        Run badGroup = run("--group-by", "team,colour");
        Run badDate = run("--from", "2026-11-31");
        Run badFormat = run("--format", "xml");

        assertThat(badGroup.status()).isEqualTo(2);
        assertThat(badGroup.err()).contains("--group-by takes a comma-separated list of team, feature, model, region, "
                + "day; 'colour' is not one of them");
        assertThat(badDate.status()).isEqualTo(2);
        assertThat(badDate.err()).contains("--from must be a UTC date");
        assertThat(badFormat.status()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format").contains("xml");
    }
}
