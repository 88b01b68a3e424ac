package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.ProcessResources;
import dev.llmgateway.testing.RawHttp;
import dev.llmgateway.testing.TestGateway;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that send slowly, stop half-way, send nothing or read slowly: the gateway closes their connections after
 * its timeouts (short ones here), answers a late body with a 408 JSON error, and serves everyone else meanwhile.
 */
class SlowClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EACH_KIND = 30;
    private static final String CHAT = """
            {"model": "claude-3-haiku", "max_tokens": 30, "messages": [{"role": "user", "content": "Name a colour."}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_SERVER_IDLETIMEOUTSECONDS", "3",
                "LLMGW_SERVER_REQUESTREADTIMEOUTSECONDS", "2",
                "LLMGW_UPSTREAM_TIMEOUTMS", "2000",
                "LLMGW_FAILOVER_DEADLINEMS", "2000"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String head(int contentLength) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestGateway.API_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    @Test
    void stalledClientsAreCutOffWhileOthersAreServed() throws Exception {
        long fdsBefore = ProcessResources.openFileDescriptors();
        List<RawHttp> silent = new ArrayList<>();
        List<RawHttp> halfHeads = new ArrayList<>();
        List<RawHttp> halfBodies = new ArrayList<>();
        for (int i = 0; i < EACH_KIND; i++) {
            silent.add(RawHttp.connect(gateway));
            halfHeads.add(RawHttp.connect(gateway).send(head(CHAT.length()).substring(0, 60)));
            halfBodies.add(RawHttp.connect(gateway).send(head(CHAT.length()) + CHAT.substring(0, 20)));
        }

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }

        for (RawHttp client : silent) {
            assertThat(client.readUntilClosed()).as("a connection that never sent anything").isEmpty();
        }
        for (RawHttp client : halfHeads) {
            assertThat(client.readUntilClosed()).as("a connection whose request head never ended").isEmpty();
        }
        for (RawHttp client : halfBodies) {
            String answer = client.readUntilClosed();
            assertThat(answer).as("a request whose body never ended").startsWith("HTTP/1.1 408");
            assertThat(JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).at("/error/code").asText())
                    .isEqualTo("request_timeout");
        }
        assertThat(gateway.get("/health/ready").statusCode()).isEqualTo(200);
        for (List<RawHttp> clients : List.of(silent, halfHeads, halfBodies)) {
            clients.forEach(RawHttp::close);
        }
        Eventually.until("the gateway's side of the closed connections is gone",
                () -> ProcessResources.openFileDescriptors() <= fdsBefore + 5);
    }

    @Test
    void aHeadSentByteByByteIsCutOffAtTheReadTimeout() throws Exception {
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (RawHttp client = RawHttp.connect(gateway)) {
            String head = head(CHAT.length()) + "X-Padding: " + "p".repeat(4000) + "\r\n";
            int[] sent = {0};
            CompletableFuture<Void> cutOff = new CompletableFuture<>();
            ScheduledFuture<?> dripping = drip.scheduleAtFixedRate(() -> {
                try {
                    client.send(head.substring(sent[0], sent[0] + 1));
                    sent[0]++;
                } catch (UncheckedIOException closed) {
                    cutOff.complete(null);
                    throw closed;
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            String answer = client.readUntilClosed();
            dripping.cancel(false);

            assertThat(answer).isEmpty();
            assertThat(sent[0]).as("bytes sent before the cut").isLessThan(head.length());
        } finally {
            drip.shutdownNow();
        }
    }

    @Test
    void aClientThatStopsReadingItsStreamIsDisconnectedAndTheCallIsRecorded() throws Exception {
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        gateway.application().callRecorder().addListener(records::add);
        String stream = "{\"model\": \"claude-3-haiku\", \"max_tokens\": 400, \"stream\": true, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"" + "Describe the sea at night in many long sentences. ".repeat(20)
                + "\"}]}";
        try (RawHttp reader = RawHttp.connectWithSmallReceiveBuffer(gateway, 1024)) {
            reader.send(head(stream.length()) + stream);
            assertThat(reader.read(64)).as("the stream started").startsWith("HTTP/1.1 200");

            assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode())
                    .as("others are served while a reader stalls").isEqualTo(200);

            Eventually.until("the stalled stream's call is over and recorded",
                    () -> records.stream().anyMatch(CallRecord::streamed));
            reader.readUntilClosed();
        }
    }
}
