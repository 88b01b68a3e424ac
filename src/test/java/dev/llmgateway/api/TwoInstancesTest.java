package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.budget.BudgetScope;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways sharing one PostgreSQL database, as a fleet behind a load balancer: between them they admit no more
 * than a team's limits and never overspend its budget.
 */
@ServiceBound
class TwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": %d, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys over the years."}]}""";
    private static final String TEAMS = """
            teams:
              fleet-rpm: {requestsPerMinute: 10}
              fleet-budget: {monthlyBudgetUsd: 0.002}
              fleet-concurrency: {concurrentRequests: 1}
            """;
    private static TestGateway first;
    private static TestGateway second;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String url = TestPostgres.freshDatabase("llmgw_two_instances_test");
        Map<String, String> shared = Map.of(
                "LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url,
                "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER);
        first = TestGateway.start(shared, TEAMS);
        second = TestGateway.start(shared, TEAMS);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @AfterEach
    void healRegions() {
        first.emulator().resetRegions();
        second.emulator().resetRegions();
    }

    @Test
    void togetherTheyAdmitNoMoreRequestsThanTheTeamsLimit() throws Exception {
        String key = TeamKeys.create(first, "fleet-rpm");
        long upstreamBefore = upstreamRequests();
        long start = System.nanoTime();

        List<Integer> statuses = burst(key, 30, 20);

        long refilled = (System.nanoTime() - start) * 10 / Duration.ofMinutes(1).toNanos();
        long admitted = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).containsOnly(200, 429);
        assertThat(admitted).as("10 per minute, refilled evenly").isBetween(10L, 10 + refilled);
        assertThat(upstreamRequests() - upstreamBefore).isEqualTo(admitted);
    }

    @Test
    void togetherTheyNeverOverspendTheTeamsBudget() throws Exception {
        String key = TeamKeys.create(first, "fleet-budget");
        first.emulator().configureRegion("us-east-1", RegionBehaviour.builder().firstByteLatencyMs(300).build());
        second.emulator().configureRegion("us-east-1", RegionBehaviour.builder().firstByteLatencyMs(300).build());
        long upstreamBefore = upstreamRequests();

        List<Integer> statuses = burst(key, 40, 200);

        long admitted = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).containsOnly(200, 402).contains(200, 402);
        assertThat(upstreamRequests() - upstreamBefore).isEqualTo(admitted);
        BudgetStore budgets = new BudgetStore(first.application().database().dataSource(), Clock.systemUTC(),
                Duration.ofMinutes(5));
        BudgetStore.Spending spending = awaitSettled(budgets, new BudgetScope("fleet-budget", null, null));
        assertThat(spending.spentUsd()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.002"));
    }

    @Test
    void aCallInFlightOnOneInstanceHoldsTheTeamsOnlySlotOnTheOther() throws Exception {
        String key = TeamKeys.create(first, "fleet-concurrency");
        first.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(200).build());
        HttpResponse<InputStream> held = http.send(TeamKeys.request(first, key, "/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(CALL.formatted(200, true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(held.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).contains("chat.completion.chunk");

            HttpResponse<String> refused = TeamKeys.post(second, key, "/v1/chat/completions", CALL.formatted(20, false));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("concurrent_requests_exceeded");
            assertThat(second.emulator().stats("us-east-1").requestsReceived()).isZero();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = TeamKeys.post(second, key, "/v1/chat/completions", CALL.formatted(20, false)).statusCode();
            if (status != 200) {
                Thread.sleep(50);
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("the slot came back once the client left").isEqualTo(200);
    }

    /** Sends calls at once, alternating between the instances (half of them streams). @return their statuses */
    private List<Integer> burst(String key, int calls, int maxTokens) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            TestGateway instance = i % 2 == 0 ? first : second;
            sent.add(http.sendAsync(TeamKeys.request(instance, key, "/v1/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString(CALL.formatted(maxTokens, i % 4 < 2))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : sent) {
            statuses.add(call.get().statusCode());
        }
        return statuses;
    }

    private static BudgetStore.Spending awaitSettled(BudgetStore budgets, BudgetScope scope) throws InterruptedException {
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
        return first.emulator().stats("us-east-1").requestsReceived() + first.emulator().stats("us-west-2").requestsReceived()
                + second.emulator().stats("us-east-1").requestsReceived()
                + second.emulator().stats("us-west-2").requestsReceived();
    }
}
