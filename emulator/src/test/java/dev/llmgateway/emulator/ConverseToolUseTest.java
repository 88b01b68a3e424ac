package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.ToolRequests.TIME;
import static dev.llmgateway.emulator.ToolRequests.WEATHER;
import static dev.llmgateway.emulator.ToolRequests.WEATHER_QUESTION;
import static dev.llmgateway.emulator.ToolRequests.assistant;
import static dev.llmgateway.emulator.ToolRequests.auto;
import static dev.llmgateway.emulator.ToolRequests.timeTool;
import static dev.llmgateway.emulator.ToolRequests.toolResult;
import static dev.llmgateway.emulator.ToolRequests.tools;
import static dev.llmgateway.emulator.ToolRequests.user;
import static dev.llmgateway.emulator.ToolRequests.weatherTool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** Converse with toolConfig through the SDK's sync client: tool calls, forced choices, and the turn after a tool result. */
class ConverseToolUseTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static ConverseResponse converse(ToolConfiguration tools, Message... messages) {
        return client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(messages).toolConfig(tools).inferenceConfig(c -> c.maxTokens(400)));
    }

    @Test
    void callsTheToolTheUserAsksForAfterAShortText() {
        ConverseResponse response = converse(tools(auto(), weatherTool(), timeTool()), user(WEATHER_QUESTION));

        List<ContentBlock> content = response.output().message().content();
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(content).hasSize(2);
        assertThat(content.get(0).text()).isEqualTo("I will use get_weather to answer that.");
        ToolUseBlock use = content.get(1).toolUse();
        assertThat(use.name()).isEqualTo(WEATHER);
        assertThat(use.toolUseId()).matches("tooluse_[A-Za-z0-9]{22}");
        JsonNode input = ToolRequests.json(use.input());
        assertThat(input).isEqualTo(RequestBodies.read("{\"city\": \"Paris\", \"unit\": \"celsius\"}"));
        assertThat(response.usage().outputTokens())
                .isEqualTo(EmulatorTokenizer.count(content.get(0).text()) + EmulatorTokenizer.count(input.toString()));
    }

    @Test
    void theSameRequestGetsTheSameToolUseId() {
        String first = converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION)).output().message().content().get(1).toolUse().toolUseId();
        String second = converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION)).output().message().content().get(1).toolUse().toolUseId();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void toolsAskedForTogetherAreCalledInParallel() {
        ConverseResponse response = converse(tools(auto(), weatherTool(), timeTool()),
                user("What is the weather, and the local time, in Rome?"));

        List<ContentBlock> content = response.output().message().content();
        assertThat(content.get(0).text()).isEqualTo("I will use get_weather and get_local_time to answer that.");
        assertThat(content.subList(1, content.size())).extracting(block -> block.toolUse().name()).containsExactly(WEATHER, TIME);
        assertThat(content.get(1).toolUse().toolUseId()).isNotEqualTo(content.get(2).toolUse().toolUseId());
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void aRequestNoToolOffersIsAnsweredInText() {
        ConverseResponse response = converse(tools(auto(), weatherTool(), timeTool()), user("Who wrote Hamlet?"));

        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.output().message().content()).singleElement().satisfies(block -> {
            assertThat(block.toolUse()).isNull();
            assertThat(block.text()).contains("Hamlet");
        });
    }

    @Test
    void anyForcesACallWithoutTextEvenWhenNoToolIsAskedFor() {
        ConverseResponse response = converse(tools(ToolChoice.fromAny(a -> { }), timeTool(), weatherTool()), user("Who wrote Hamlet?"));

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        ToolUseBlock use = response.output().message().content().get(0).toolUse();
        assertThat(response.output().message().content()).hasSize(1);
        assertThat(use.name()).isEqualTo(TIME);
        assertThat(ToolRequests.json(use.input())).isEqualTo(RequestBodies.read("{\"city\": \"example city\"}"));
    }

    @Test
    void toolChoiceForcesTheNamedToolOnly() {
        ConverseResponse response = converse(tools(ToolChoice.fromTool(t -> t.name(TIME)), weatherTool(), timeTool()), user(WEATHER_QUESTION));

        assertThat(response.output().message().content()).singleElement()
                .satisfies(block -> assertThat(block.toolUse().name()).isEqualTo(TIME));
        assertThat(ToolRequests.json(response.output().message().content().get(0).toolUse().input()))
                .isEqualTo(RequestBodies.read("{\"city\": \"Paris\"}"));
    }

    @Test
    void aTextToolResultIsAnsweredInTextThatQuotesIt() {
        ConverseResponse call = converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION));
        ToolUseBlock use = call.output().message().content().get(1).toolUse();

        ConverseResponse answer = converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION),
                assistant(call.output().message().content()),
                toolResult(use.toolUseId(), ToolResultStatus.SUCCESS, ToolResultContentBlock.fromText("Sunny, 22 degrees")));

        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.output().message().content()).singleElement()
                .satisfies(block -> assertThat(block.text()).isEqualTo("According to get_weather: Sunny, 22 degrees."));
        int toolUseTokens = EmulatorTokenizer.count(WEATHER) + EmulatorTokenizer.count(ToolRequests.json(use.input()).toString());
        assertThat(answer.usage().inputTokens()).isEqualTo(call.usage().inputTokens()
                + EmulatorTokenizer.count(call.output().message().content().get(0).text()) + toolUseTokens
                + EmulatorTokenizer.count("Sunny, 22 degrees"));
    }

    @Test
    void jsonAndErrorResultsAreQuotedInOrder() {
        ConverseResponse call = converse(tools(auto(), weatherTool(), timeTool()), user("What is the weather, and the local time, in Rome?"));
        List<ContentBlock> uses = call.output().message().content();
        String weatherId = uses.get(1).toolUse().toolUseId();
        String timeId = uses.get(2).toolUse().toolUseId();

        Message results = Message.builder().role("user").content(
                ContentBlock.fromToolResult(r -> r.toolUseId(weatherId).content(ToolResultContentBlock.fromJson(
                        ToolRequests.document(RequestBodies.read("{\"temperature\": 22, \"sky\": \"clear\"}"))))),
                ContentBlock.fromToolResult(r -> r.toolUseId(timeId).status(ToolResultStatus.ERROR)
                        .content(ToolResultContentBlock.fromText("Time zone service unavailable")))).build();
        ConverseResponse answer = converse(tools(auto(), weatherTool(), timeTool()),
                user("What is the weather, and the local time, in Rome?"), assistant(uses), results);

        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.output().message().content().get(0).text())
                .isEqualTo("According to get_weather: temperature: 22, sky: clear. get_local_time failed: Time zone service unavailable.");
    }

    @Test
    void toolDefinitionsCountAsInputTokens() {
        int withoutTools = client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(user("Who wrote Hamlet?"))).usage().inputTokens();
        int withTools = converse(tools(auto(), weatherTool(), timeTool()), user("Who wrote Hamlet?")).usage().inputTokens();

        assertThat(withTools - withoutTools).isEqualTo(
                ToolRequests.definitionTokens(WEATHER, ToolRequests.WEATHER_DESCRIPTION, ToolRequests.WEATHER_SCHEMA)
                        + ToolRequests.definitionTokens(TIME, ToolRequests.TIME_DESCRIPTION, ToolRequests.TIME_SCHEMA));
    }

    @Test
    void countTokensCountsTheToolsAsConverseDoes() {
        ToolConfiguration tools = tools(auto(), weatherTool(), timeTool());
        int used = converse(tools, user(WEATHER_QUESTION)).usage().inputTokens();
        int counted = client.countTokens(r -> r.modelId(SdkClients.CLAUDE)
                .input(CountTokensInput.fromConverse(c -> c.messages(user(WEATHER_QUESTION)).toolConfig(tools)))).inputTokens();
        assertThat(counted).isEqualTo(used);
    }
}
