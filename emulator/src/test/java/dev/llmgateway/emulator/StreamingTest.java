package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** InvokeModelWithResponseStream and ConverseStream through the SDK's async client and its visitors. */
class StreamingTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeAsyncClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.async(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.resetRegions();
    }

    /** The Anthropic events of one InvokeModelWithResponseStream, decoded from their chunks. */
    static final class AnthropicEvents {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done;
        final CompletableFuture<String> bedrockContentType = new CompletableFuture<>();

        AnthropicEvents(BedrockRuntimeAsyncClient client, String modelId, JsonNode body) {
            InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                    .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().onChunk(chunk -> {
                        arrivalNanos.add(System.nanoTime());
                        events.add(RequestBodies.read(chunk.bytes()));
                    }).build())
                    .onResponse(response -> bedrockContentType.complete(response.contentType()))
                    .build();
            done = client.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder().modelId(modelId)
                    .contentType("application/json").accept("application/json").body(RequestBodies.bytes(body)).build(), handler);
        }

        List<String> types() {
            return events.stream().map(e -> e.get("type").asText()).distinct().collect(Collectors.toList());
        }

        String text() {
            return events.stream().filter(e -> e.get("type").asText().equals("content_block_delta"))
                    .map(e -> e.at("/delta/text").asText()).collect(Collectors.joining());
        }

        long deltas() {
            return events.stream().filter(e -> e.get("type").asText().equals("content_block_delta")).count();
        }

        JsonNode last() {
            return events.get(events.size() - 1);
        }
    }

    @Test
    void invokeModelStreamSendsAnthropicEventsInOrderWithInvocationMetrics() throws Exception {
        AnthropicEvents stream = new AnthropicEvents(client, SdkClients.CLAUDE, RequestBodies.claude(RequestBodies.LONG_TEXT, 500));
        stream.done.get(10, TimeUnit.SECONDS);

        assertThat(stream.bedrockContentType.get()).isEqualTo("application/json");
        assertThat(stream.types()).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        JsonNode start = stream.events.get(0).get("message");
        assertThat(start.get("id").asText()).startsWith("msg_bdrk_");
        assertThat(start.at("/usage/input_tokens").asInt()).isEqualTo(EmulatorTokenizer.count(RequestBodies.LONG_TEXT));

        String invoked = RequestBodies.read(SdkClients.sync(emulator, "us-east-1").invokeModel(r -> r.modelId(SdkClients.CLAUDE)
                .body(RequestBodies.bytes(RequestBodies.claude(RequestBodies.LONG_TEXT, 500)))).body()).at("/content/0/text").asText();
        assertThat(stream.text()).isEqualTo(invoked);
        int outputTokens = EmulatorTokenizer.count(invoked);
        assertThat(stream.deltas()).isEqualTo(outputTokens);

        JsonNode messageDelta = stream.events.get(stream.events.size() - 2);
        assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(outputTokens);
        JsonNode metrics = stream.last().get("amazon-bedrock-invocationMetrics");
        assertThat(metrics.get("inputTokenCount").asInt()).isEqualTo(EmulatorTokenizer.count(RequestBodies.LONG_TEXT));
        assertThat(metrics.get("outputTokenCount").asInt()).isEqualTo(outputTokens);
        assertThat(metrics.has("invocationLatency")).isTrue();
        assertThat(metrics.has("firstByteLatency")).isTrue();
        assertThat(emulator.stats("us-east-1").streamsCompleted()).isEqualTo(1);
    }

    @Test
    void converseStreamSendsDeltasThenMessageStopThenMetadata() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<ConverseStreamMetadataEvent> metadata = new CompletableFuture<>();
        CompletableFuture<StopReason> stopReason = new CompletableFuture<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onMessageStart(e -> order.add("messageStart:" + e.role()))
                        .onContentBlockDelta(e -> {
                            order.add("delta");
                            text.append(e.delta().text());
                        })
                        .onContentBlockStop(e -> order.add("contentBlockStop"))
                        .onMessageStop(e -> {
                            order.add("messageStop");
                            stopReason.complete(e.stopReason());
                        })
                        .onMetadata(e -> {
                            order.add("metadata");
                            metadata.complete(e);
                        })
                        .build())
                .build();

        client.converseStream(converseStream(RequestBodies.LONG_TEXT, 400), handler).get(10, TimeUnit.SECONDS);

        List<String> distinct = order.stream().distinct().collect(Collectors.toList());
        assertThat(distinct).containsExactly("messageStart:assistant", "delta", "contentBlockStop", "messageStop", "metadata");
        assertThat(order.get(order.size() - 1)).isEqualTo("metadata");
        assertThat(text.toString()).contains("Camel");
        assertThat(stopReason.get()).isEqualTo(StopReason.END_TURN);
        int outputTokens = EmulatorTokenizer.count(text.toString());
        assertThat(order.stream().filter("delta"::equals).count()).isEqualTo(outputTokens);
        assertThat(metadata.get().usage().outputTokens()).isEqualTo(outputTokens);
        assertThat(metadata.get().usage().inputTokens()).isEqualTo(EmulatorTokenizer.count(RequestBodies.LONG_TEXT));
        assertThat(metadata.get().usage().totalTokens()).isEqualTo(metadata.get().usage().inputTokens() + outputTokens);
        assertThat(metadata.get().metrics().latencyMs()).isNotNull();
    }

    @Test
    void brokenInvokeStreamFailsWithModelStreamErrorAfterTheConfiguredDeltas() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(3).build());
        AnthropicEvents stream = new AnthropicEvents(client, SdkClients.CLAUDE, RequestBodies.claude(RequestBodies.LONG_TEXT, 500));

        assertThatThrownBy(() -> stream.done.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ModelStreamErrorException.class)
                .satisfies(e -> {
                    ModelStreamErrorException error = (ModelStreamErrorException) e.getCause();
                    assertThat(error.originalStatusCode()).isEqualTo(500);
                    assertThat(error.originalMessage()).isNotBlank();
                });
        assertThat(stream.deltas()).isEqualTo(3);
        assertThat(stream.types()).doesNotContain("message_stop");
        assertThat(emulator.stats("us-east-1").streamsBroken()).isEqualTo(1);
    }

    @Test
    void brokenConverseStreamFailsWithTheConfiguredException() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(2)
                .streamBreakException(BedrockError.THROTTLING).build());
        List<String> deltas = new CopyOnWriteArrayList<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder().onContentBlockDelta(e -> deltas.add(e.delta().text())).build())
                .build();

        assertThatThrownBy(() -> client.converseStream(converseStream(RequestBodies.LONG_TEXT, 400), handler).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ThrottlingException.class);
        assertThat(deltas).hasSize(2);
    }

    @Test
    void throttledStreamIsRefusedBeforeItStarts() {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());
        AnthropicEvents stream = new AnthropicEvents(client, SdkClients.CLAUDE, RequestBodies.claude("Hi?", 50));
        assertThatThrownBy(() -> stream.done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ThrottlingException.class);
        assertThat(emulator.stats("us-east-1").streamsStarted()).isZero();
    }

    @Test
    void streamArrivesIncrementally() throws Exception {
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(15).build());
        AnthropicEvents stream = new AnthropicEvents(client, SdkClients.CLAUDE, RequestBodies.claude("What is the capital of France?", 500));
        stream.done.get(10, TimeUnit.SECONDS);

        long tokens = stream.deltas();
        assertThat(tokens).isGreaterThan(20);
        long firstDeltaToLastEventMs = TimeUnit.NANOSECONDS.toMillis(stream.arrivalNanos.get(stream.arrivalNanos.size() - 1)
                - stream.arrivalNanos.get(2));
        assertThat(firstDeltaToLastEventMs).isGreaterThanOrEqualTo((tokens - 1) * 15 * 3 / 4);
        assertThat(stream.last().at("/amazon-bedrock-invocationMetrics/invocationLatency").asLong()).isGreaterThanOrEqualTo(tokens * 15);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void clientThatGoesAwayMidStreamIsCountedAsCancelled(boolean http2) throws Exception {
        BedrockRuntimeAsyncClient client = http2 ? SdkClients.asyncWithDefaultProtocol(emulator, "us-east-1") : StreamingTest.client;
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(40).build());
        CompletableFuture<Subscription> subscribed = new CompletableFuture<>();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new Subscriber<ResponseStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(1);
                        subscribed.complete(s);
                    }

                    @Override
                    public void onNext(ResponseStream event) {
                        subscribed.join().cancel();
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }))
                .build();
        CompletableFuture<Void> done = client.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder()
                .modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(RequestBodies.claude(RequestBodies.LONG_TEXT, 500))).build(), handler);

        awaitTrue(() -> emulator.stats("us-east-1").streamsCancelledByClient() == 1, Duration.ofSeconds(5));
        assertThat(emulator.stats("us-east-1").streamsCompleted()).isZero();
        done.exceptionally(e -> null);
        if (http2) {
            client.close();
        }
    }

    @Test
    void defaultAsyncClientSpeaksHttp2CleartextAndStreamsToo() throws Exception {
        try (BedrockRuntimeAsyncClient h2 = SdkClients.asyncWithDefaultProtocol(emulator, "us-east-1")) {
            AnthropicEvents stream = new AnthropicEvents(h2, SdkClients.CLAUDE, RequestBodies.claude("Hello?", 100));
            stream.done.get(10, TimeUnit.SECONDS);
            assertThat(stream.types()).contains("message_stop");
        }
    }

    private static ConverseStreamRequest converseStream(String text, int maxTokens) {
        return ConverseStreamRequest.builder().modelId(SdkClients.CLAUDE)
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build())
                .inferenceConfig(c -> c.maxTokens(maxTokens)).build();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
