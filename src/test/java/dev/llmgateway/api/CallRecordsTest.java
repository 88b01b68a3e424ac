package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call, whatever its end, leaves one CallRecord with who, what, how much and how it went. */
class CallRecordsTest {

    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        gateway.application().callRecorder().addListener(RECORDS::add);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        RECORDS.clear();
    }

    private static CallRecord awaitRecord() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (RECORDS.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(RECORDS).hasSize(1);
        return RECORDS.get(0);
    }

    @Test
    void anAnsweredCallIsAttributedAndPriced() throws Exception {
        var response = gateway.send(gateway.request("/v1/chat/completions").header("X-Feature", "search")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "Tell me about bridges."}]}""")));
        assertThat(response.statusCode()).isEqualTo(200);

        CallRecord record = awaitRecord();
        assertThat(record.requestId()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
        assertThat(record.team()).isEqualTo("default");
        assertThat(record.feature()).isEqualTo("search");
        assertThat(record.keyId()).startsWith("key_");
        assertThat(record.route()).isEqualTo("chat-completions");
        assertThat(record.modelAlias()).isEqualTo("claude-3-haiku");
        assertThat(record.modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(record.region()).isEqualTo("us-east-1");
        assertThat(record.inputTokens()).isPositive();
        assertThat(record.outputTokens()).isPositive();
        BigDecimal expected = BigDecimal.valueOf(record.inputTokens() * 0.25 + record.outputTokens() * 1.25)
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat(record.costUsd()).isEqualByComparingTo(expected);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.outcome()).isEqualTo("ok");
        assertThat(record.streamed()).isFalse();
    }

    @Test
    void aRefusedCallIsRecordedWithItsStatusAndNoCost() throws Exception {
        var response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "messages": []}""");
        assertThat(response.statusCode()).isEqualTo(400);

        CallRecord record = awaitRecord();
        assertThat(record.status()).isEqualTo(400);
        assertThat(record.outcome()).isNotEqualTo("ok");
        assertThat(record.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(record.team()).isEqualTo("default");
    }

    @Test
    void anUnauthenticatedCallIsRecordedWithoutATeam() throws Exception {
        var response = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(401);

        CallRecord record = awaitRecord();
        assertThat(record.team()).isNull();
        assertThat(record.outcome()).isEqualTo("missing_api_key");
    }

    @Test
    void aStreamedCallRecordsItsTimeToFirstToken() throws Exception {
        var response = gateway.post("/v1/messages", """
                {"model": "claude-3-haiku", "max_tokens": 50, "stream": true,
                 "messages": [{"role": "user", "content": "Tell me about tunnels and bridges."}]}""");
        assertThat(response.statusCode()).isEqualTo(200);

        CallRecord record = awaitRecord();
        assertThat(record.streamed()).isTrue();
        assertThat(record.route()).isEqualTo("anthropic-messages");
        assertThat(record.outputTokens()).isPositive();
        assertThat(record.costUsd()).isPositive();
        assertThat(record.timeToFirstTokenMs()).isBetween(0L, record.latencyMs());
        assertThat(record.outcome()).isEqualTo("ok");
    }
}
