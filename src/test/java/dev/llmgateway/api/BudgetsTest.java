package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.budget.BudgetScope;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Monthly budgets over HTTP: worst case reserved before the call, settled after, refused with 402 when used up. */
class BudgetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": %d, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys over the years."}]}""";
    private static TestGateway gateway;
    private static BudgetStore budgets;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                teams:
                  thrifty: {monthlyBudgetUsd: 0.0003}
                  featured:
                    features:
                      reports: {monthlyBudgetUsd: 0.0002}
                  bursty: {monthlyBudgetUsd: 0.002}
                  streamer: {monthlyBudgetUsd: 1}
                """);
        budgets = new BudgetStore(gateway.application().database().dataSource(), Clock.systemUTC(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void healRegions() {
        gateway.emulator().resetRegions();
    }

    @Test
    void aTeamAtItsBudgetIsRefusedWithWhatItSpentAndWhenItResets() throws Exception {
        String key = TeamKeys.create(gateway, "thrifty");
        long upstreamBefore = upstreamRequests();
        int answered = 0;
        HttpResponse<String> response = TeamKeys.post(gateway, key, "/v1/chat/completions", call(100, false));
        while (response.statusCode() == 200 && answered < 40) {
            answered++;
            response = TeamKeys.post(gateway, key, "/v1/chat/completions", call(100, false));
        }
        HttpResponse<String> anthropic = TeamKeys.post(gateway, key, "/v1/messages", call(100, false));

        assertThat(answered).isPositive();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(402);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        String nextMonth = YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).toString();
        assertThat(error.get("message").asText()).contains("monthly budget of team thrifty is used up")
                .contains("of $0.0003;").contains("this call could cost up to $0.0001")
                .contains("resets on " + nextMonth + " at 00:00 UTC");
        assertThat(anthropic.statusCode()).isEqualTo(402);
        assertThat(JSON.readTree(anthropic.body()).at("/error/type").asText()).isEqualTo("billing_error");
        assertThat(upstreamRequests() - upstreamBefore).as("refused calls are not sent upstream").isEqualTo(answered);
        BudgetStore.Spending spending = awaitSettled(new BudgetScope("thrifty", null, null));
        assertThat(spending.spentUsd()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.0003"));
    }

    @Test
    void aFeatureAtItsBudgetIsRefusedWhileTheRestOfTheTeamGoesOn() throws Exception {
        String key = TeamKeys.create(gateway, "featured");
        HttpRequest.Builder reports = TeamKeys.request(gateway, key, "/v1/chat/completions").header("X-Feature", "reports")
                .POST(HttpRequest.BodyPublishers.ofString(call(100, false)));
        HttpResponse<String> response = gateway.send(reports);
        for (int i = 0; i < 40 && response.statusCode() == 200; i++) {
            response = gateway.send(reports);
        }

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("monthly budget of feature reports of team featured is used up");
        assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", call(100, false)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfConcurrentCallsNeverOverspendsTheBudget() throws Exception {
        String key = TeamKeys.create(gateway, "bursty");
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().firstByteLatencyMs(300).build());
        long upstreamBefore = upstreamRequests();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(http.sendAsync(TeamKeys.request(gateway, key, "/v1/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString(call(200, i % 2 == 0))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int answered = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            int status = call.get().statusCode();
            answered += status == 200 ? 1 : 0;
            refused += status == 402 ? 1 : 0;
        }

        assertThat(answered + refused).isEqualTo(40);
        assertThat(answered).isPositive();
        assertThat(refused).isPositive();
        assertThat(upstreamRequests() - upstreamBefore).isEqualTo(answered);
        BudgetStore.Spending spending = awaitSettled(new BudgetScope("bursty", null, null));
        assertThat(spending.spentUsd()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.002"));
    }

    @Test
    void aStreamCutShortPaysOnlyForWhatItUsed() throws Exception {
        String key = TeamKeys.create(gateway, "streamer");
        BudgetScope team = new BudgetScope("streamer", null, null);
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(200).build());
        HttpResponse<InputStream> stream = http.send(TeamKeys.request(gateway, key, "/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(call(1000, true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BigDecimal reserved;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (int deltas = 0; deltas < 3; ) {
                deltas += reader.readLine().contains("\"content\":\"") ? 1 : 0;
            }
            reserved = budgets.spending(team).orElseThrow().reservedUsd();
        }

        BudgetStore.Spending spending = awaitSettled(team);
        assertThat(reserved).as("the worst case of 1000 output tokens").isGreaterThan(new BigDecimal("0.00125"));
        assertThat(spending.spentUsd()).isPositive().isLessThan(reserved.divide(BigDecimal.TEN));
    }

    private static String call(int maxTokens, boolean stream) {
        return CALL.formatted(maxTokens, stream);
    }

    /** Waits until no call of the budget holds a reservation any more. */
    private static BudgetStore.Spending awaitSettled(BudgetScope scope) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        BudgetStore.Spending spending = budgets.spending(scope).orElseThrow();
        while (spending.reservedUsd().signum() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            spending = budgets.spending(scope).orElseThrow();
        }
        assertThat(spending.reservedUsd()).as("every reservation settled").isEqualByComparingTo(BigDecimal.ZERO);
        return spending;
    }

    private static long upstreamRequests() {
        return gateway.emulator().stats("us-east-1").requestsReceived()
                + gateway.emulator().stats("us-west-2").requestsReceived();
    }
}
