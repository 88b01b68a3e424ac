package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One region throttling must not become an outage; every region throttling is a prompt 429, never a hang. */
class FailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "hello there"}]}""";
    private static final long BREAKER_OPEN_MS = 1000;
    private static final long DEADLINE_MS = 2000;
    private TestGateway gateway;
    private final List<Long> retryDelays = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_FAILOVER_DEADLINEMS", Long.toString(DEADLINE_MS),
                "LLMGW_FAILOVER_BACKOFFBASEMS", "100",
                "LLMGW_FAILOVER_BACKOFFMAXMS", "400",
                "LLMGW_FAILOVER_BREAKERWINDOW", "4",
                "LLMGW_FAILOVER_BREAKERMINIMUMCALLS", "4",
                "LLMGW_FAILOVER_BREAKEROPENMS", Long.toString(BREAKER_OPEN_MS)));
        gateway.camelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            @SuppressWarnings("unchecked")
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
                    List<Long> delays = GatewayCall.of(completed.getExchange()).retryDelaysMs();
                    if (delays != null) {
                        retryDelays.addAll(delays);
                    }
                }
            }
        });
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aThrottlingRegionIsInvisibleToClients() {
        throttle("us-east-1");
        long start = System.nanoTime();

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        long breakerWaits = (System.nanoTime() - start) / 1_000_000 / BREAKER_OPEN_MS;
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isEqualTo(20);
        assertThat(gateway.emulator().stats("us-east-1").failedByInjectedFault())
                .as("the breaker stops sending to the throttling region: 4 calls open it, then one trial per wait")
                .isLessThanOrEqualTo(4 + breakerWaits);
    }

    @Test
    void trafficReturnsToARecoveredRegionAfterTheBreakersWait() throws Exception {
        throttle("us-east-1");
        for (int i = 0; i < 6; i++) {
            assertThat(gateway.post("/v1/chat/completions", REQUEST).statusCode()).isEqualTo(200);
        }
        long eastBefore = gateway.emulator().stats("us-east-1").requestsReceived();
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.healthy());

        assertThat(gateway.post("/v1/chat/completions", REQUEST).statusCode()).isEqualTo(200);
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived())
                .as("still skipped while the breaker is open").isEqualTo(eastBefore);
        Thread.sleep(BREAKER_OPEN_MS + 200);
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.post("/v1/chat/completions", REQUEST).statusCode()).isEqualTo(200);
        }

        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isEqualTo(eastBefore + 3);
    }

    @Test
    void everyRegionThrottlingIsA429WithRetryAfterWithinTheDeadline() throws Exception {
        throttle("us-east-1");
        throttle("us-west-2");

        long start = System.nanoTime();
        HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("Every region");
        assertThat(elapsedMs).isLessThan(DEADLINE_MS + 1000);
    }

    @Test
    void retryDelaysBetweenRoundsAreJittered() {
        throttle("us-east-1");
        throttle("us-west-2");

        for (int i = 0; i < 2; i++) {
            gateway.post("/v1/chat/completions", REQUEST);
        }

        Set<Long> distinct = new HashSet<>(retryDelays);
        assertThat(retryDelays).hasSizeGreaterThan(2);
        assertThat(distinct).as("delays " + retryDelays).hasSizeGreaterThan(1);
    }

    @Test
    void aRefusedRequestIsNotRetriedInAnotherRegion() {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isZero();
    }

    private void throttle(String region) {
        gateway.emulator().configureRegion(region,
                RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());
    }
}
