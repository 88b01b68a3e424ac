package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.store.Database;
import dev.llmgateway.testing.ConcurrentLoad;
import dev.llmgateway.testing.ConcurrentLoad.Reply;
import dev.llmgateway.testing.CuttableTcpProxy;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.LedgerRows;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestDatabases;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared PostgreSQL database goes away under load (every connection cut, new ones refused) and comes back: calls
 * fail fast with 503 storage_unavailable meanwhile, never a 500 or a hang; the ledger spools the outage's records and
 * writes them once the database is back, one row per request sent; then calls, the cache and readiness recover.
 */
@ServiceBound
class DatabaseDownAndBackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "llmgw_faults_outage";
    private static final String CHAT = """
            {"model": "claude-3-haiku", "max_tokens": 300, "messages": [{"role": "user", "content": "%s"}]}""";
    private static final String REPEATED_QUESTION = "What is the capital of France?";
    private static final int CLIENTS = 4;

    @Test
    void callsFailFastWhileTheDatabaseIsGoneAndNoLedgerRowIsLost() throws Exception {
        String directUrl = TestPostgres.freshDatabase(DATABASE);
        try (CuttableTcpProxy proxy = CuttableTcpProxy.start(TestPostgres.HOST, TestPostgres.PORT);
             TestGateway gateway = TestGateway.start(Map.of(
                     "LLMGW_STORAGE_MODE", "postgresql",
                     "LLMGW_STORAGE_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE,
                     "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER,
                     "LLMGW_CACHE_ENABLED", "true",
                     "LLMGW_CACHE_STORE", "postgresql",
                     "LLMGW_CACHE_LOOKUPBUDGETMS", "3000",
                     "LLMGW_LEDGER_FLUSHINTERVALMS", "200",
                     "LLMGW_LEDGER_RETRYINTERVALMS", "500"));
             Database direct = TestDatabases.postgresql(directUrl)) {
            ConcurrentLoad load = ConcurrentLoad.start(CLIENTS, "outage", id -> chat(gateway,
                    id.hashCode() % 2 == 0 ? REPEATED_QUESTION : "Tell me something about request " + id + "."));
            load.awaitMoreReplies(30);

            proxy.cut();
            Eventually.until("calls answered 503 while the database is gone", () -> load.replies().stream()
                    .filter(r -> r.status() == 503).count() >= 2 * CLIENTS);
            proxy.restore();
            int answeredBeforeRestore = load.replies().size();
            Eventually.until("calls answered 200 again", () -> load.replies().stream().skip(answeredBeforeRestore)
                    .filter(r -> r.status() == 200).count() >= 2 * CLIENTS);
            List<Reply> replies = load.stop();

            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.failure()).as("no hang, no dropped connection: " + reply).isNull();
                if (reply.status() != 200) {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                    assertThat(JSON.readTree(reply.body()).at("/error/code").asText()).isEqualTo("storage_unavailable");
                    assertThat(reply.header("Retry-After")).as(reply.toString()).isPresent();
                } else {
                    assertThat(reply.header("x-llmgateway-cache")).as(reply.toString()).hasValueSatisfying(
                            cache -> assertThat(cache).isIn("hit", "miss"));
                }
            });
            Map<String, Long> ledger = Eventually.get(() -> LedgerRows.countsByRequestId(direct.dataSource()),
                    rows -> rows.keySet().containsAll(load.sentRequestIds()));
            assertThat(ledger).as("one ledger row per request sent, none lost, none twice")
                    .containsOnlyKeys(load.sentRequestIds()).allSatisfy((id, rows) -> assertThat(rows).isOne());

            HttpResponse<String> repeated = gateway.post("/v1/chat/completions", CHAT.formatted(REPEATED_QUESTION));
            assertThat(repeated.statusCode()).isEqualTo(200);
            assertThat(repeated.headers().firstValue("x-llmgateway-cache")).hasValue("hit");
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest.Builder chat(TestGateway gateway, String question) {
        return gateway.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(question)));
    }
}
