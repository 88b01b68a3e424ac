package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.ConcurrentLoad;
import dev.llmgateway.testing.ConcurrentLoad.Reply;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.LedgerRows;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Concurrent streams that the upstream breaks after a few deltas: every client gets an error event instead of the
 * end of the stream, the ledger holds each call with its partial usage and the outcome stream_interrupted, and the
 * gateway stays healthy with every concurrency slot given back.
 */
class BrokenStreamsUnderLoadTest {

    private static final String STREAM = """
            {"model": "claude-3-haiku", "max_tokens": 200, "stream": true,
             "messages": [{"role": "user", "content": "Tell me about rivers, the valleys they carve, the deltas they \
            build and the towns that grow along their banks over the centuries."}]}""";
    private static final int CLIENTS_PER_API = 2;
    /** Twice the clients: a slot is given back just after its stream's last byte, so a client may briefly hold two. */
    private static final int CONCURRENCY_LIMIT = 4 * CLIENTS_PER_API;
    private static final int DELTAS_BEFORE_THE_BREAK = 3;

    @Test
    void brokenStreamsEndWithAnErrorEventAreRecordedAsPartialAndGiveTheirSlotsBack() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of(
                "LLMGW_LIMITS_TEAMDEFAULTS_CONCURRENTREQUESTS", Integer.toString(CONCURRENCY_LIMIT),
                "LLMGW_LEDGER_FLUSHINTERVALMS", "100"))) {
            gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(5)
                    .streamBreakAfterDeltas(DELTAS_BEFORE_THE_BREAK).build());
            ConcurrentLoad openAi = ConcurrentLoad.start(CLIENTS_PER_API, "openai", id -> stream(gateway,
                    "/v1/chat/completions"));
            ConcurrentLoad anthropic = ConcurrentLoad.start(CLIENTS_PER_API, "anthropic", id -> stream(gateway,
                    "/v1/messages"));
            openAi.awaitMoreReplies(20);
            anthropic.awaitMoreReplies(20);
            List<Reply> broken = Stream.concat(openAi.stop().stream(), anthropic.stop().stream()).toList();

            assertThat(broken).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.body()).as(reply.toString()).contains("broke off before it was complete")
                        .doesNotContain("[DONE]").doesNotContain("message_stop");
            });
            assertThat(broken).filteredOn(r -> r.requestId().startsWith("openai"))
                    .allSatisfy(reply -> assertThat(reply.body()).contains("\"code\":\"stream_interrupted\""));
            assertThat(broken).filteredOn(r -> r.requestId().startsWith("anthropic"))
                    .allSatisfy(reply -> assertThat(reply.body()).contains("event: error"));
            Map<String, LedgerRows.Row> ledger = Eventually.get(
                    () -> LedgerRows.byRequestId(gateway.application().database().dataSource()),
                    rows -> rows.size() == broken.size());
            assertThat(broken).allSatisfy(reply -> {
                LedgerRows.Row row = ledger.get(reply.requestId());
                assertThat(row).as("ledger row of " + reply.requestId()).isNotNull();
                assertThat(row.outcome()).isEqualTo("stream_interrupted");
                assertThat(row.status()).isEqualTo(200);
                assertThat(row.streamed()).isTrue();
                assertThat(row.inputTokens()).isPositive();
                assertThat(row.outputTokens()).as("the tokens sent before the break").isBetween(1L, 199L);
            });

            gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().firstByteLatencyMs(200).build());
            assertThat(ConcurrentLoad.sendAtOnce(CONCURRENCY_LIMIT, "healthy", id -> stream(gateway,
                    "/v1/chat/completions"))).as("every slot was given back: the limit's worth of streams at once pass")
                    .allSatisfy(reply -> {
                        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                        assertThat(reply.body()).contains("data: [DONE]");
                    });
            assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest.Builder stream(TestGateway gateway, String path) {
        return gateway.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM));
    }
}
