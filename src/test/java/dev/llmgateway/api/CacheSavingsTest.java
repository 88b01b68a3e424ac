package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A cache hit costs nothing and is recorded with what it saved: the cost of the call that produced the answer. */
class CacheSavingsTest {

    @Test
    void aHitIsRecordedAsSavedCostNotSpent() throws Exception {
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        try (TestGateway gateway = TestGateway.start(Map.of("LLMGW_CACHE_ENABLED", "true",
                "LLMGW_CACHE_LOOKUPBUDGETMS", "5000", "LLMGW_LIMITS_TEAMDEFAULTS_MONTHLYBUDGETUSD", "5"))) {
            gateway.application().callRecorder().addListener(records::add);
            String chat = """
                    {"model": "claude-3-haiku", "temperature": 0,
                     "messages": [{"role": "user", "content": "What does a suspension bridge hang from?"}]}""";
            CacheStats stats = gateway.camelContext().getRegistry().lookupByNameAndType("cacheStats", CacheStats.class);
            HttpResponse<String> first = gateway.post("/v1/chat/completions", chat);
            Eventually.until("the first answer stored in the cache", () -> stats.stored() == 1);
            HttpResponse<String> second = gateway.post("/v1/chat/completions", chat);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
            CallRecord paid = records.get(0);
            CallRecord hit = records.get(1);
            assertThat(paid.costUsd()).isPositive();
            assertThat(hit.cacheHit()).isEqualTo("exact");
            assertThat(hit.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(hit.inputTokens() + hit.outputTokens()).isZero();
            assertThat(hit.savedCostUsd()).isEqualByComparingTo(paid.costUsd());
            assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isEqualTo(1);
            assertThat(Eventually.get(() -> ledgerRowOfTheHit(gateway), row -> row != null))
                    .as("the hit's row in the cost ledger: cost, saved cost")
                    .satisfies(row -> {
                        assertThat(row.cost()).isEqualByComparingTo(BigDecimal.ZERO);
                        assertThat(row.saved()).isEqualByComparingTo(paid.costUsd());
                    });
        }
    }

    private record LedgerRow(BigDecimal cost, BigDecimal saved) {
    }

    private static LedgerRow ledgerRowOfTheHit(TestGateway gateway) {
        try (Connection connection = gateway.application().database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT cost_usd, saved_cost_usd FROM call_ledger WHERE cache_hit = 'exact'")) {
            return row.next() ? new LedgerRow(row.getBigDecimal(1), row.getBigDecimal(2)) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
