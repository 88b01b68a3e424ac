package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budget alerts with two gateways on one PostgreSQL database crossing a team's thresholds together: each threshold
 * reaches the webhook exactly once, also when the receiver fails at first (the alert is retried).
 */
@ServiceBound
class BudgetAlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys over the years."}]}""";
    private static final int FAILURES_FIRST = 2;
    private static final List<JsonNode> DELIVERED = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static HttpServer receiver;
    private static String url;
    private static TestGateway first;
    private static TestGateway second;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                int status = ATTEMPTS.incrementAndGet() <= FAILURES_FIRST ? 503 : 204;
                if (status == 204) {
                    DELIVERED.add(JSON.readTree(bytes));
                }
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        receiver.start();
        url = TestPostgres.freshDatabase("llmgw_budget_alerts_test");
        Map<String, String> shared = Map.of(
                "LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url,
                "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER,
                "LLMGW_LIMITS_BUDGETALERTS_WEBHOOKURL",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        String config = """
                limits:
                  budgetAlerts:
                    thresholdsPercent: [20, 40, 60]
                teams:
                  alerting: {monthlyBudgetUsd: 0.0002}
                """;
        first = TestGateway.start(shared, config);
        second = TestGateway.start(shared, config);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        receiver.stop(0);
    }

    @Test
    void eachThresholdReachesTheWebhookOnceWhenTwoInstancesCrossItTogether() throws Exception {
        String key = TeamKeys.create(first, "alerting");
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestGateway instance = i % 2 == 0 ? first : second;
            burst.add(http.sendAsync(TeamKeys.request(instance, key, "/v1/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString(CALL)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).join();
        int calls = 0;
        while (TeamKeys.post(calls % 2 == 0 ? first : second, key, "/v1/chat/completions", CALL).statusCode() == 200
                && calls < 20) {
            calls++;
        }

        List<Integer> claimed = Eventually.get(BudgetAlertsTest::claimedThresholds, t -> t.containsAll(
                List.of(20, 40, 60)));
        assertThat(claimed).containsAll(List.of(20, 40, 60));
        Eventually.until("every claimed alert delivered", () -> DELIVERED.size() >= claimed.size());
        assertThat(DELIVERED).extracting(alert -> alert.get("threshold_percent").asInt())
                .containsExactlyInAnyOrderElementsOf(claimed);
        assertThat(DELIVERED).allSatisfy(alert -> {
            assertThat(alert.get("type").asText()).isEqualTo("budget_alert");
            assertThat(alert.get("team").asText()).isEqualTo("alerting");
            assertThat(alert.get("feature").isNull()).isTrue();
            assertThat(alert.get("budget_usd").decimalValue()).isEqualByComparingTo("0.0002");
        });
        assertThat(ATTEMPTS.get()).as("the first two attempts failed and were retried")
                .isEqualTo(claimed.size() + FAILURES_FIRST);
        double counted = alertsCounted(first) + alertsCounted(second);
        assertThat(counted).isEqualTo(claimed.size());
    }

    private static List<Integer> claimedThresholds() {
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT threshold FROM budget_alerts WHERE team = 'alerting' "
                     + "ORDER BY threshold")) {
            List<Integer> thresholds = new ArrayList<>();
            while (rows.next()) {
                thresholds.add(rows.getInt(1));
            }
            return thresholds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double alertsCounted(TestGateway gateway) {
        String metrics = gateway.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics")).GET()).body();
        return PrometheusText.parse(metrics).sum("llmgateway_budget_alerts_total", Map.of("team", "alerting"));
    }
}
