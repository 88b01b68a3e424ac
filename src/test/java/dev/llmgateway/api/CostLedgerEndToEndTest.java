package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.store.StorageSettings.Mode;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls through the gateway end up in the ledger table, on both storage modes, even when it stops at once. */
@ServiceBound
class CostLedgerEndToEndTest {

    private record Row(String requestId, String team, long inputTokens, long outputTokens, BigDecimal cost,
                       boolean streamed, int status) {
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void recordsStillQueuedWhenTheGatewayStopsAreWrittenBeforeTheDatabaseCloses(Mode mode) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "LLMGW_LEDGER_FLUSHINTERVALMS", "3600000", "LLMGW_LEDGER_BATCHSIZE", "1000"));
        String pgUrl = null;
        if (mode == Mode.POSTGRESQL) {
            pgUrl = TestPostgres.freshDatabase("llmgw_ledger_e2e");
            env.putAll(Map.of("LLMGW_STORAGE_MODE", "postgresql", "LLMGW_STORAGE_POSTGRESQL_URL", pgUrl,
                    "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER));
        }
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        TestGateway gateway = TestGateway.start(env);
        StorageSettings storage = mode == Mode.POSTGRESQL
                ? new StorageSettings(mode, "data", new StorageSettings.Postgresql(pgUrl, TestPostgres.USER, "", 2))
                : new StorageSettings(mode, gateway.dataDir().toString(), null);
        try {
            gateway.application().callRecorder().addListener(records::add);
            assertThat(gateway.post("/v1/chat/completions", """
                    {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "Tell me about bridges."}]}""")
                    .statusCode()).isEqualTo(200);
            assertThat(gateway.post("/v1/messages", """
                    {"model": "claude-3-5-haiku", "max_tokens": 40, "stream": true,
                     "messages": [{"role": "user", "content": "Tell me about tunnels."}]}""").statusCode()).isEqualTo(200);
            assertThat(gateway.post("/v1/chat/completions", """
                    {"model": "no-such-model", "messages": [{"role": "user", "content": "Hi"}]}""").statusCode())
                    .isEqualTo(404);
        } finally {
            gateway.close();
        }

        assertThat(records).hasSize(3);
        try (Database database = Database.open(storage)) {
            List<Row> rows = new Jdbc(database.dataSource(), "test").query("SELECT request_id, team, input_tokens, "
                    + "output_tokens, cost_usd, streamed, status FROM call_ledger ORDER BY received_at",
                    r -> new Row(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                            r.getBigDecimal(5).stripTrailingZeros(), r.getBoolean(6), r.getInt(7)));
            assertThat(rows).containsExactlyInAnyOrderElementsOf(records.stream().map(r -> new Row(r.requestId(),
                    r.team(), r.inputTokens(), r.outputTokens(), r.costUsd().stripTrailingZeros(), r.streamed(),
                    r.status())).toList());
        }
        assertThat(records).extracting(CallRecord::streamed).containsExactlyInAnyOrder(false, true, false);
        assertThat(records).filteredOn(r -> r.status() == 200).allSatisfy(r -> assertThat(r.costUsd()).isPositive());
    }
}
