package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A budget alert whose webhook is down is kept in the database: the gateway is stopped while it retries, started
 * again, and the alert reaches the webhook once it answers, exactly once.
 */
class BudgetAlertRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys over the years."}]}""";
    private final List<JsonNode> delivered = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean accepting = new AtomicBoolean();
    private HttpServer receiver;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                attempts.incrementAndGet();
                if (accepting.get()) {
                    delivered.add(JSON.readTree(bytes));
                }
                exchange.sendResponseHeaders(accepting.get() ? 204 : 503, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anAlertStillRetryingWhenTheGatewayStopsIsDeliveredOnceAfterItStartsAgain() throws Exception {
        Map<String, String> env = Map.of("LLMGW_LEDGER_FLUSHINTERVALMS", "20",
                "LLMGW_LIMITS_BUDGETALERTS_WEBHOOKURL", "http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/alerts",
                "LLMGW_LIMITS_BUDGETALERTS_WEBHOOKATTEMPTS", "20");
        String config = """
                limits:
                  budgetAlerts:
                    thresholdsPercent: [1]
                teams:
                  alerting: {monthlyBudgetUsd: 0.001}
                """;
        TestGateway before = TestGateway.start(env, config);
        String dataDir = before.dataDir().toString();
        try (before) {
            String key = TeamKeys.create(before, "alerting");
            assertThat(TeamKeys.post(before, key, "/v1/chat/completions", CALL).statusCode()).isEqualTo(200);
            Eventually.until("the webhook refused the alert", () -> attempts.get() >= 1);
        }
        assertThat(delivered).isEmpty();
        int refused = attempts.get();

        accepting.set(true);
        Map<String, String> restarted = new HashMap<>(env);
        restarted.put("LLMGW_STORAGE_DATADIR", dataDir);
        try (TestGateway after = TestGateway.start(restarted, config)) {
            Jdbc jdbc = new Jdbc(after.application().database().dataSource(), "test");
            Eventually.until("the stored alert delivered", () -> jdbc.query(
                    "SELECT COUNT(*) FROM budget_alert_deliveries", row -> row.getLong(1)).get(0) == 0);
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0).get("team").asText()).isEqualTo("alerting");
            assertThat(delivered.get(0).get("threshold_percent").asInt()).isEqualTo(1);
            assertThat(attempts.get()).as("one more attempt, the one that got through").isEqualTo(refused + 1);
        }
    }
}
