package dev.llmgateway.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockEmulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kamelets traced in an integration team's application, on the OpenTelemetry the application binds: a span for
 * the call with the GenAI attributes, a span per Kamelet step named after its Kamelet, a client span per attempt.
 */
class KameletTracesTest {

    private static final String ROUTES = """
            - route:
                from:
                  uri: direct:triage
                  steps:
                    - to: kamelet:llm-redact-action
                    - to: kamelet:llm-token-guard-action
                    - to: kamelet:llm-bedrock-chat-action?team=support&feature=ticket-triage&model=claude-3-haiku
            """;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private BedrockEmulator emulator;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        emulator = BedrockEmulator.start(0);
        dataDir = Files.createTempDirectory("llmgw-kamelet-traces-");
    }

    @AfterEach
    void stop() {
        emulator.close();
        openTelemetry.close();
    }

    @Test
    void theCallAndEachKameletStepAreSpansOnTheApplicationsOpenTelemetry() throws Exception {
        Main main = application(true);
        main.start();
        try {
            String answer = main.getCamelContext().createProducerTemplate().requestBody("direct:triage",
                    "Ticket: the March invoice was charged twice, please refund one.", String.class);
            assertThat(answer).isNotBlank();
        } finally {
            main.stop();
        }

        List<SpanData> calls = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getAttributes().get(AttributeKey.stringKey("llmgateway.request_id")) != null)
                .toList();
        assertThat(calls).hasSize(1);
        SpanData call = calls.get(0);
        assertThat(call.getName()).isEqualTo("chat claude-3-haiku");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("llmgateway.team"))).isEqualTo("support");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                .isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        List<SpanData> steps = children(call);
        assertThat(steps).extracting(SpanData::getName)
                .containsExactly("llm-token-guard-action", "llm-bedrock-chat-action");
        assertThat(children(steps.get(1))).extracting(SpanData::getName)
                .containsExactly("chat anthropic.claude-3-haiku-20240307-v1:0");
    }

    @Test
    void tracingOffMakesNoSpan() throws Exception {
        Main main = application(false);
        main.start();
        try {
            main.getCamelContext().createProducerTemplate().requestBody("direct:triage", "Ticket: a refund.");
        } finally {
            main.stop();
        }

        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private Main application(boolean traced) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + Files.writeString(dataDir.resolve("routes.yaml"), ROUTES));
        main.bind("openTelemetry", openTelemetry);
        main.addInitialProperty("llmgateway.upstream.mode", "emulator");
        main.addInitialProperty("llmgateway.upstream.endpoint", emulator.endpoint().toString());
        main.addInitialProperty("llmgateway.storage.dataDir", dataDir.toString());
        main.addInitialProperty("llmgateway.observability.tracing.enabled", String.valueOf(traced));
        return main;
    }

    private List<SpanData> children(SpanData parent) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }
}
