package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.ToolRequests.WEATHER;
import static dev.llmgateway.emulator.ToolRequests.WEATHER_QUESTION;
import static dev.llmgateway.emulator.ToolRequests.auto;
import static dev.llmgateway.emulator.ToolRequests.timeTool;
import static dev.llmgateway.emulator.ToolRequests.tools;
import static dev.llmgateway.emulator.ToolRequests.user;
import static dev.llmgateway.emulator.ToolRequests.weatherTool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** ConverseStream with toolConfig through the SDK's async client: each event, in order, with its content block index. */
class ConverseStreamToolUseTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeAsyncClient client;
    private static BedrockRuntimeClient syncClient;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.async(emulator, "us-east-1");
        syncClient = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        syncClient.close();
        emulator.close();
    }

    /** Every event of one ConverseStream as a line, and the text and tool input fragments it carried. */
    static final class StreamedEvents {
        final List<String> events = new CopyOnWriteArrayList<>();
        final StringBuilder text = new StringBuilder();
        final StringBuilder input = new StringBuilder();
        final List<String> toolUseIds = new CopyOnWriteArrayList<>();
        volatile int inputTokens;
        volatile int outputTokens;

        StreamedEvents(ToolConfiguration tools) throws Exception {
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onMessageStart(e -> events.add("messageStart " + e.roleAsString()))
                            .onContentBlockStart(e -> {
                                events.add("contentBlockStart " + e.contentBlockIndex() + " toolUse " + e.start().toolUse().name());
                                toolUseIds.add(e.start().toolUse().toolUseId());
                            })
                            .onContentBlockDelta(e -> {
                                if (e.delta().toolUse() != null) {
                                    events.add("contentBlockDelta " + e.contentBlockIndex() + " toolUse.input");
                                    input.append(e.delta().toolUse().input());
                                } else {
                                    events.add("contentBlockDelta " + e.contentBlockIndex() + " text");
                                    text.append(e.delta().text());
                                }
                            })
                            .onContentBlockStop(e -> events.add("contentBlockStop " + e.contentBlockIndex()))
                            .onMessageStop(e -> events.add("messageStop " + e.stopReasonAsString()))
                            .onMetadata(e -> {
                                events.add("metadata");
                                inputTokens = e.usage().inputTokens();
                                outputTokens = e.usage().outputTokens();
                            })
                            .build())
                    .build();
            client.converseStream(r -> r.modelId(SdkClients.CLAUDE).messages(user(WEATHER_QUESTION)).toolConfig(tools)
                    .inferenceConfig(c -> c.maxTokens(400)), handler).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> times(int count, String event) {
        return Collections.nCopies(count, event);
    }

    @Test
    void aToolCallStreamsItsTextBlockThenItsToolUseBlockInJsonFragments() throws Exception {
        ToolConfiguration tools = tools(auto(), weatherTool(), timeTool());
        ConverseResponse whole = syncClient.converse(r -> r.modelId(SdkClients.CLAUDE).messages(user(WEATHER_QUESTION)).toolConfig(tools)
                .inferenceConfig(c -> c.maxTokens(400)));
        String text = whole.output().message().content().get(0).text();
        ToolUseBlock use = whole.output().message().content().get(1).toolUse();
        String inputJson = ToolRequests.json(use.input()).toString();

        StreamedEvents stream = new StreamedEvents(tools);

        int inputFragments = EmulatorTokenizer.count(inputJson);
        assertThat(inputFragments).isGreaterThan(2);
        List<String> expected = new ArrayList<>();
        expected.add("messageStart assistant");
        expected.addAll(times(EmulatorTokenizer.count(text), "contentBlockDelta 0 text"));
        expected.add("contentBlockStop 0");
        expected.add("contentBlockStart 1 toolUse " + WEATHER);
        expected.addAll(times(inputFragments, "contentBlockDelta 1 toolUse.input"));
        expected.add("contentBlockStop 1");
        expected.add("messageStop tool_use");
        expected.add("metadata");
        assertThat(stream.events).containsExactlyElementsOf(expected);
        assertThat(stream.text.toString()).isEqualTo(text);
        assertThat(RequestBodies.read(stream.input.toString())).isEqualTo(ToolRequests.json(use.input()));
        assertThat(stream.toolUseIds).containsExactly(use.toolUseId());
        assertThat(stream.inputTokens).isEqualTo(whole.usage().inputTokens());
        assertThat(stream.outputTokens).isEqualTo(whole.usage().outputTokens());
    }

    @Test
    void aForcedCallHasNoTextSoItsToolUseBlockIsTheFirst() throws Exception {
        StreamedEvents stream = new StreamedEvents(tools(ToolChoice.fromAny(a -> { }), weatherTool()));

        String inputJson = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        List<String> expected = new ArrayList<>();
        expected.add("messageStart assistant");
        expected.add("contentBlockStart 0 toolUse " + WEATHER);
        expected.addAll(times(EmulatorTokenizer.count(inputJson), "contentBlockDelta 0 toolUse.input"));
        expected.add("contentBlockStop 0");
        expected.add("messageStop tool_use");
        expected.add("metadata");
        assertThat(stream.events).containsExactlyElementsOf(expected);
        assertThat(stream.input.toString()).isEqualTo(inputJson);
        assertThat(stream.outputTokens).isEqualTo(EmulatorTokenizer.count(inputJson));
    }

    @Test
    void withoutACallTheStreamIsTextOnly() throws Exception {
        ToolConfiguration tools = tools(auto(), ToolRequests.timeTool());
        StreamedEvents stream = new StreamedEvents(tools);

        assertThat(stream.events).contains("contentBlockStop 0", "messageStop end_turn").last().isEqualTo("metadata");
        assertThat(stream.events).filteredOn(e -> e.startsWith("contentBlockStart") || e.contains("toolUse")).isEmpty();
        ContentBlock onlyBlock = syncClient.converse(r -> r.modelId(SdkClients.CLAUDE).messages(user(WEATHER_QUESTION))
                .toolConfig(tools)).output().message().content().get(0);
        assertThat(stream.text.toString()).isEqualTo(onlyBlock.text());
    }
}
