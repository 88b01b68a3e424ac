package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits per team over HTTP: requests and tokens per minute, concurrent calls, the batch share. A refused call
 * is a 429 with Retry-After and x-ratelimit-* headers, and nothing is sent upstream.
 */
class RateLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": %d, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys over the years."}]}""";
    private static TestGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_FAILOVER_BACKOFFBASEMS", "2000",
                "LLMGW_FAILOVER_BACKOFFMAXMS", "4000"), """
                teams:
                  rpm: {requestsPerMinute: 2}
                  tpm: {tokensPerMinute: 2100}
                  conc-disconnect: {concurrentRequests: 1}
                  conc-outcomes: {concurrentRequests: 1}
                  conc-waiting: {concurrentRequests: 1}
                  batchy: {requestsPerMinute: 4}
                """);
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
    void aTeamPastItsRequestsPerMinuteGets429WithHeadersAndNothingGoesUpstream() throws Exception {
        String key = TeamKeys.create(gateway, "rpm");

        HttpResponse<String> first = TeamKeys.post(gateway, key, "/v1/chat/completions", call(50, false));
        HttpResponse<String> second = TeamKeys.post(gateway, key, "/v1/messages", call(50, false));
        long upstream = upstreamRequests();
        HttpResponse<String> third = TeamKeys.post(gateway, key, "/v1/chat/completions", call(50, false));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
        assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(v -> assertThat(v).matches("\\d+(\\.\\d+)?s|\\d+ms"));
        assertThat(second.statusCode()).as("the Anthropic API counts against the same limit").isEqualTo(200);
        assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(third.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(third.headers().firstValue("x-ratelimit-reset-requests")).isPresent();
        JsonNode error = JSON.readTree(third.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asText()).isEqualTo("requests_per_minute_exceeded");
        assertThat(error.get("message").asText()).contains("team rpm").contains("2 requests per minute");
        assertThat(upstreamRequests()).as("nothing sent upstream").isEqualTo(upstream);
    }

    @Test
    void tokensAreReservedBeforeAndSettledToTheRealUsageAfter() throws Exception {
        String key = TeamKeys.create(gateway, "tpm");

        HttpResponse<String> first = TeamKeys.post(gateway, key, "/v1/chat/completions", call(1000, false));
        long afterFirst = Long.parseLong(first.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
        long used = JSON.readTree(first.body()).at("/usage/total_tokens").asLong();
        long reserved = 2100 - afterFirst;
        HttpResponse<String> second = TeamKeys.post(gateway, key, "/v1/chat/completions", call(1000, false));
        long afterSecond = Long.parseLong(second.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());

        assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("2100");
        assertThat(reserved).as("prompt estimate + max_tokens").isGreaterThan(1000);
        assertThat(used).isPositive().isLessThan(reserved);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(afterSecond).as("the first call's unused reservation came back").isGreaterThanOrEqualTo(2100 - used - reserved);
    }

    @Test
    void aCallThatWouldPassTheTokensPerMinuteWaitsAndOneThatNeverFitsIsA400() throws Exception {
        String key = TeamKeys.create(gateway, "tpm");
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(200).build());
        HttpResponse<InputStream> held = openStream(key, 1000);
        try (BufferedReader reader = reader(held)) {
            assertThat(nextData(reader)).contains("chat.completion.chunk");
            assertThat(held.headers().firstValue("x-ratelimit-limit-tokens")).as("streams carry the headers too")
                    .hasValue("2100");
            long upstream = upstreamRequests();

            HttpResponse<String> refused = TeamKeys.post(gateway, key, "/v1/chat/completions", call(1500, false));
            HttpResponse<String> never = TeamKeys.post(gateway, key, "/v1/chat/completions", call(3000, false));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("tokens_per_minute_exceeded");
            assertThat(JSON.readTree(refused.body()).at("/error/message").asText())
                    .contains("team tpm").contains("2,100 tokens per minute").contains("max_tokens 1,500");
            assertThat(refused.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("2100");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(never.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(never.body()).at("/error/code").asText()).isEqualTo("request_exceeds_tokens_per_minute");
            assertThat(upstreamRequests()).isEqualTo(upstream);
        }
    }

    @Test
    void aStreamHoldsItsTeamsSlotUntilItsClientLeaves() throws Exception {
        String key = TeamKeys.create(gateway, "conc-disconnect");
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(200).build());
        HttpResponse<InputStream> held = openStream(key, 200);
        try (BufferedReader reader = reader(held)) {
            assertThat(nextData(reader)).contains("chat.completion.chunk");
            long upstream = upstreamRequests();

            HttpResponse<String> refused = TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, false));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = JSON.readTree(refused.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("concurrent_requests_exceeded");
            assertThat(error.get("message").asText()).contains("team conc-disconnect").contains("1 calls in flight");
            assertThat(upstreamRequests()).isEqualTo(upstream);
        }
        gateway.emulator().resetRegions();

        awaitAdmitted(key);
    }

    @Test
    void everyWayACallEndsGivesItsSlotBack() {
        String key = TeamKeys.create(gateway, "conc-outcomes");
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());
        assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, false)).statusCode()).isEqualTo(400);
        assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, true)).statusCode()).isEqualTo(400);
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(2).build());
        HttpResponse<String> broken = TeamKeys.post(gateway, key, "/v1/chat/completions", call(50, true));
        assertThat(broken.body()).contains("stream_interrupted");
        gateway.emulator().resetRegions();
        HttpResponse<String> refusedAfterAdmission = TeamKeys.post(gateway, key, "/v1/chat/completions", """
                {"model": "claude-3-haiku", "temperature": 1.5, "messages": [{"role": "user", "content": "hi"}]}""");
        assertThat(refusedAfterAdmission.statusCode()).isEqualTo(400);

        for (int i = 0; i < 3; i++) {
            assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, i % 2 == 0)).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aStreamWaitingToFailOverGivesBackItsSlotWhenItsClientLeaves() throws Exception {
        String key = TeamKeys.create(gateway, "conc-waiting");
        RegionBehaviour throttled = RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0)
                .retryAfterSeconds(5).build();
        gateway.emulator().configureRegion("us-east-1", throttled);
        gateway.emulator().configureRegion("us-west-2", throttled);
        byte[] body = call(20, true).getBytes(StandardCharsets.UTF_8);
        long upstreamBefore = upstreamRequests();
        try (Socket socket = new Socket("127.0.0.1", gateway.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitUpstreamRequests(upstreamBefore + 2);

            HttpResponse<String> refused = TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, false));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("concurrent_requests_exceeded");
        }
        gateway.emulator().resetRegions();

        awaitAdmitted(key);
    }

    @Test
    void batchTrafficMayUseOnlyItsShareOfTheTeamsRate() throws Exception {
        String key = TeamKeys.create(gateway, "batchy");
        HttpRequest.Builder batch = TeamKeys.request(gateway, key, "/v1/chat/completions").header("X-Feature", "batch")
                .POST(HttpRequest.BodyPublishers.ofString(call(20, false)));

        assertThat(gateway.send(batch).statusCode()).isEqualTo(200);
        assertThat(gateway.send(batch).statusCode()).isEqualTo(200);
        HttpResponse<String> third = gateway.send(batch);
        HttpResponse<String> interactive = TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, false));

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(JSON.readTree(third.body()).at("/error/message").asText())
                .contains("batch traffic of team batchy (50% of the team's limits)");
        assertThat(interactive.statusCode()).as("interactive calls keep the rest of the team's rate").isEqualTo(200);
        assertThat(interactive.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    }

    private static String call(int maxTokens, boolean stream) {
        return CALL.formatted(maxTokens, stream);
    }

    private HttpResponse<InputStream> openStream(String key, int maxTokens) throws Exception {
        HttpResponse<InputStream> response = http.send(TeamKeys.request(gateway, key, "/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(call(maxTokens, true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** Waits until a call of the key is admitted again (its team's slot was given back). */
    private static void awaitAdmitted(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = TeamKeys.post(gateway, key, "/v1/chat/completions", call(20, false)).statusCode();
            if (status != 200) {
                Thread.sleep(50);
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("a call is admitted once the slot is back").isEqualTo(200);
    }

    private static void awaitUpstreamRequests(long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstreamRequests() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstreamRequests()).as("the waiting stream tried both regions").isGreaterThanOrEqualTo(total);
    }

    private static long upstreamRequests() {
        return gateway.emulator().stats("us-east-1").requestsReceived()
                + gateway.emulator().stats("us-west-2").requestsReceived();
    }

    private static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static String nextData(BufferedReader reader) throws Exception {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }
}
