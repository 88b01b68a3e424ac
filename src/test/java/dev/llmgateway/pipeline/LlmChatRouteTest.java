package dev.llmgateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** direct:llm-chat runs the API's non-streaming chain for callers in the process, failures coming back as exceptions. */
class LlmChatRouteTest {

    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        gateway.application().callRecorder().addListener(RECORDS::add);
        producer = gateway.camelContext().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        RECORDS.clear();
    }

    @AfterEach
    void healthy() {
        gateway.emulator().resetRegions();
    }

    private static Exchange call(ChatRequest request) {
        Exchange exchange = new DefaultExchange(gateway.camelContext());
        GatewayCall call = GatewayCall.start(exchange, "digest-0001");
        call.identify(Caller.of("analytics", null, "nightly-digest"));
        call.setRequest(request);
        return producer.send("direct:llm-chat", exchange);
    }

    private static ChatRequest ask(String model, String text) {
        return ChatRequest.builder(model, List.of(new ChatMessage(ChatRole.USER, text))).build();
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
    void anAnswerComesBackAsTheChatResponseWithACallRecord() throws Exception {
        Exchange answered = call(ask("claude-3-haiku", "Tell me about the bridge that opened in May."));

        assertThat(answered.getException()).isNull();
        ChatResponse response = GatewayCall.of(answered).responseOrNull();
        assertThat(response.text()).contains("bridge");
        assertThat(response.usage().outputTokens()).isPositive();
        CallRecord record = awaitRecord();
        assertThat(record.route()).isEqualTo("llm-chat");
        assertThat(record.requestId()).isEqualTo("digest-0001");
        assertThat(record.team()).isEqualTo("analytics");
        assertThat(record.feature()).isEqualTo("nightly-digest");
        assertThat(record.keyId()).isNull();
        assertThat(record.modelAlias()).isEqualTo("claude-3-haiku");
        assertThat(record.outputTokens()).isEqualTo(response.usage().outputTokens());
        assertThat(record.costUsd()).isPositive();
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.outcome()).isEqualTo("ok");
    }

    @Test
    void aRefusalComesBackAsAGatewayExceptionAndIsRecorded() throws Exception {
        Exchange answered = call(ask("no-such-model", "Hello there."));

        assertThat(answered.getException()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("model_not_found");
        });
        CallRecord record = awaitRecord();
        assertThat(record.status()).isEqualTo(404);
        assertThat(record.outcome()).isEqualTo("model_not_found");
    }

    @Test
    void anUpstreamFailureComesBackMappedAsTheApiWouldAnswerIt() throws Exception {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());

        Exchange answered = call(ask("claude-3-haiku", "Hello there."));

        assertThat(answered.getException()).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(awaitRecord().status()).isEqualTo(400);
    }

    @Test
    void anExchangeWithoutAChatRequestIsTheCallersMistakeNamedClearly() throws Exception {
        Exchange answered = call(null);

        assertThat(answered.getException()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo("gateway_misconfigured");
            assertThat(e.getMessage()).contains("GatewayCall").contains("no chat request");
        });
    }

    @Test
    void anUnexpectedFailureComesBackAsAGatewayExceptionNamingTheRequest() throws Exception {
        gateway.camelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:failing-step").routeConfigurationId("pipeline-errors")
                        .throwException(new IllegalStateException("a step broke"));
            }
        });
        Exchange exchange = new DefaultExchange(gateway.camelContext());
        GatewayCall.start(exchange, "digest-0002");

        Exchange failed = producer.send("direct:failing-step", exchange);

        assertThat(failed.getException()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.code()).isEqualTo("internal_error");
            assertThat(e.getMessage()).contains("digest-0002");
        });
    }

    @Test
    void streamingIsRefused() throws Exception {
        ChatRequest streamed = ChatRequest.builder("claude-3-haiku", List.of(new ChatMessage(ChatRole.USER, "Hi there.")))
                .stream(true).build();

        assertThat(call(streamed).getException()).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.code()).isEqualTo("stream_not_supported"));
    }
}
