package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-sent events from Bedrock's ConverseStream to the client, delta by delta. */
class StreamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_TEXT = "Rivers carve valleys over thousands of years. Floods move sediment downstream. "
            + "Farmers settle on flood plains because the soil is rich. Levees protect towns but raise the river bed. "
            + "Engineers now restore wetlands to absorb water. Insurance costs grow as storms become stronger.";
    private static TestGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    /** How each finished stream ended and the output it recorded, from the gateway's call records. */
    private static final List<String> OUTCOMES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        gateway.application().callRecorder().addListener(record -> {
            if (record.streamed()) {
                OUTCOMES.add(record.outcome() + " output=" + record.outputTokens());
            }
        });
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void healRegions() {
        gateway.emulator().resetRegions();
        OUTCOMES.clear();
    }

    @Test
    void openAiChunksCarryRoleThenContentThenFinishReasonThenUsageThenDone() throws Exception {
        List<String> events = readEvents(openAiStream(LONG_TEXT, 200, true));

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : events.subList(0, events.size() - 1)) {
            chunks.add(JSON.readTree(event));
        }
        assertThat(chunks).allSatisfy(c -> assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder content = new StringBuilder();
        chunks.forEach(c -> content.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(content.toString()).isNotBlank();
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/delta/content").asText("").length() > 0).count())
                .isGreaterThan(3);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isPositive();
    }

    @Test
    void theFirstChunkArrivesBeforeTheUpstreamHasFinished() throws Exception {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(40).build());
        HttpResponse<InputStream> response = openAiStream(LONG_TEXT, 60, false);

        try (BufferedReader reader = reader(response)) {
            String first = nextData(reader);
            assertThat(first).contains("chat.completion.chunk");
            assertThat(gateway.emulator().stats("us-east-1").streamsStarted()).isEqualTo(1);
            assertThat(gateway.emulator().stats("us-east-1").streamsCompleted()).isZero();
            String last = first;
            for (String data = nextData(reader); data != null; data = nextData(reader)) {
                last = data;
            }
            assertThat(last).isEqualTo("[DONE]");
        }
        assertThat(gateway.emulator().stats("us-east-1").streamsCompleted()).isEqualTo(1);
    }

    @Test
    void aClientThatLeavesCancelsTheUpstreamStream() throws Exception {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(100).build());
        HttpResponse<InputStream> response = openAiStream(LONG_TEXT, 200, false);
        try (BufferedReader reader = reader(response)) {
            assertThat(nextData(reader)).contains("\"role\":\"assistant\"");
            assertThat(nextData(reader)).contains("\"content\":\"");
            assertThat(nextData(reader)).contains("\"content\":\"");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gateway.emulator().stats("us-east-1").streamsCancelledByClient() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        awaitOutcome("client_disconnected");
        assertThat(gateway.emulator().stats("us-east-1").streamsCancelledByClient()).isEqualTo(1);
        assertThat(gateway.emulator().stats("us-east-1").streamsCompleted()).isZero();
        assertThat(OUTCOMES).filteredOn(o -> o.startsWith("client_disconnected")).singleElement().asString()
                .doesNotEndWith("output=0");
    }

    @Test
    void aStreamBrokenMidwayEndsWithAnErrorEventAndNoDone() throws Exception {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(3).build());

        List<String> events = readEvents(openAiStream(LONG_TEXT, 200, false));

        assertThat(events).doesNotContain("[DONE]");
        assertThat(events.get(0)).contains("\"role\":\"assistant\"");
        JsonNode error = JSON.readTree(events.get(events.size() - 1)).get("error");
        assertThat(error.get("code").asText()).isEqualTo("stream_interrupted");
        assertThat(error.get("message").asText()).contains("partial");
        assertThat(events.stream().filter(e -> e.contains("\"content\":\"") && !e.contains("\"content\":\"\"")))
                .hasSize(3);
        awaitOutcome("stream_interrupted");
        assertThat(OUTCOMES).filteredOn(o -> o.startsWith("stream_interrupted")).singleElement().asString()
                .doesNotEndWith("output=0");
    }

    @Test
    void aFailureBeforeTheFirstByteIsAnOrdinaryJsonError() throws Exception {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "stream": true, "messages": [{"role": "user", "content": "hi there"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("upstream_validation");
    }

    @Test
    void anthropicStreamUsesAnthropicEventNames() throws Exception {
        HttpResponse<InputStream> response = http.send(gateway.request("/v1/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-5-sonnet", "max_tokens": 100, "stream": true, "system": "Be brief.",
                         "messages": [{"role": "user", "content": "%s"}]}""".formatted(LONG_TEXT)))
                .build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = reader(response)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) {
                    names.add(line.substring(7));
                }
            }
        }
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names.get(1)).isEqualTo("content_block_start");
        assertThat(names).contains("content_block_delta");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void anEndedStreamIsNotKeptAliveByItsIdleUpstreamConnection() throws Exception {
        List<WeakReference<Exchange>> ended = new CopyOnWriteArrayList<>();
        EventNotifierSupport endedStreams = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
                if (GatewayCall.of(exchange).streamOutcome() != null) {
                    ended.add(new WeakReference<>(exchange));
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent;
            }
        };
        ServiceHelper.startService(endedStreams);
        gateway.camelContext().getManagementStrategy().addEventNotifier(endedStreams);
        try {
            readEvents(openAiStream(LONG_TEXT, 50, false));
            awaitOutcome("completed");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ended.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ended).hasSize(1);

            // The SDK's pooled connection, idle now, keeps its last call's handler: it must not reach the exchange.
            for (int i = 0; i < 50 && ended.get(0).get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(ended.get(0).get()).isNull();
        } finally {
            gateway.camelContext().getManagementStrategy().removeEventNotifier(endedStreams);
            ServiceHelper.stopService(endedStreams);
        }
    }

    /** Waits for the outcome of the stream under test; an earlier test's stream may still report its own. */
    private static void awaitOutcome(String outcome) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (OUTCOMES.stream().noneMatch(o -> o.startsWith(outcome)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private HttpResponse<InputStream> openAiStream(String text, int maxTokens, boolean includeUsage) throws Exception {
        String body = """
                {"model": "claude-3-haiku", "stream": true, "max_tokens": %d, "stream_options": {"include_usage": %s},
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(maxTokens, includeUsage, text);
        HttpResponse<InputStream> response = http.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        return response;
    }

    private static List<String> readEvents(HttpResponse<InputStream> response) throws Exception {
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = reader(response)) {
            for (String data = nextData(reader); data != null; data = nextData(reader)) {
                events.add(data);
            }
        }
        return events;
    }

    private static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** @return the payload of the next {@code data:} line, or null at the end of the stream */
    private static String nextData(BufferedReader reader) throws Exception {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        return null;
    }
}
