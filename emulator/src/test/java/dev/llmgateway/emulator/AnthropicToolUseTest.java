package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.ToolRequests.TIME;
import static dev.llmgateway.emulator.ToolRequests.WEATHER;
import static dev.llmgateway.emulator.ToolRequests.WEATHER_QUESTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Claude's Messages API on InvokeModel and InvokeModelWithResponseStream: tools, tool_choice, tool_use and tool_result. */
class AnthropicToolUseTest {
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
        asyncClient = SdkClients.async(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        asyncClient.close();
        emulator.close();
    }

    static ObjectNode withTools(String userText, String toolChoiceType) {
        ObjectNode body = RequestBodies.claude(userText, 400);
        ArrayNode tools = body.putArray("tools");
        tools.addObject().put("name", WEATHER).put("description", ToolRequests.WEATHER_DESCRIPTION)
                .set("input_schema", ToolRequests.WEATHER_SCHEMA);
        tools.addObject().put("name", TIME).put("description", ToolRequests.TIME_DESCRIPTION)
                .set("input_schema", ToolRequests.TIME_SCHEMA);
        body.putObject("tool_choice").put("type", toolChoiceType);
        return body;
    }

    static JsonNode invoke(JsonNode body) {
        return RequestBodies.read(client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(body))).body());
    }

    @Test
    void callsTheToolAskedForWithTextFirst() {
        JsonNode message = invoke(withTools(WEATHER_QUESTION, "auto"));

        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("I will use get_weather to answer that.");
        JsonNode use = message.at("/content/1");
        assertThat(use.get("type").asText()).isEqualTo("tool_use");
        assertThat(use.get("id").asText()).matches("toolu_bdrk_01[A-Za-z0-9]{22}");
        assertThat(use.get("name").asText()).isEqualTo(WEATHER);
        assertThat(use.get("input")).isEqualTo(RequestBodies.read("{\"city\": \"Paris\", \"unit\": \"celsius\"}"));
        assertThat(message.get("content")).hasSize(2);
        assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(EmulatorTokenizer.count(WEATHER_QUESTION)
                + ToolRequests.definitionTokens(WEATHER, ToolRequests.WEATHER_DESCRIPTION, ToolRequests.WEATHER_SCHEMA)
                + ToolRequests.definitionTokens(TIME, ToolRequests.TIME_DESCRIPTION, ToolRequests.TIME_SCHEMA));
    }

    @Test
    void anyForcesACallAndNoneForbidsOne() {
        JsonNode forced = invoke(withTools("Who wrote Hamlet?", "any"));
        assertThat(forced.get("content")).singleElement().satisfies(use -> assertThat(use.get("name").asText()).isEqualTo(WEATHER));
        assertThat(forced.get("stop_reason").asText()).isEqualTo("tool_use");

        JsonNode forbidden = invoke(withTools(WEATHER_QUESTION, "none"));
        assertThat(forbidden.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(forbidden.at("/content/0/type").asText()).isEqualTo("text");
    }

    @Test
    void toolChoiceToolForcesTheNamedTool() {
        ObjectNode body = withTools(WEATHER_QUESTION, "tool");
        ((ObjectNode) body.get("tool_choice")).put("name", TIME);
        JsonNode message = invoke(body);
        assertThat(message.get("content")).singleElement().satisfies(use -> {
            assertThat(use.get("name").asText()).isEqualTo(TIME);
            assertThat(use.get("input")).isEqualTo(RequestBodies.read("{\"city\": \"Paris\"}"));
        });
    }

    @Test
    void aToolResultIsAnsweredInTextThatQuotesIt() {
        ObjectNode first = withTools(WEATHER_QUESTION, "auto");
        JsonNode call = invoke(first);
        String toolUseId = call.at("/content/1/id").asText();

        ObjectNode followUp = first.deepCopy();
        ArrayNode messages = (ArrayNode) followUp.get("messages");
        messages.addObject().put("role", "assistant").set("content", call.get("content"));
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", toolUseId);
        result.putArray("content").addObject().put("type", "text").put("text", "Rain all day");
        JsonNode answer = invoke(followUp);

        assertThat(answer.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("According to get_weather: Rain all day.");

        result.put("is_error", true);
        assertThat(invoke(followUp).at("/content/0/text").asText()).isEqualTo("get_weather failed: Rain all day.");
    }

    @Test
    void aToolCallStreamsAsContentBlocksWithInputJsonDeltas() throws Exception {
        JsonNode whole = invoke(withTools(WEATHER_QUESTION, "auto"));
        String text = whole.at("/content/0/text").asText();
        String inputJson = whole.at("/content/1/input").toString();

        StreamingTest.AnthropicEvents stream =
                new StreamingTest.AnthropicEvents(asyncClient, SdkClients.CLAUDE, withTools(WEATHER_QUESTION, "auto"));
        stream.done.get(10, TimeUnit.SECONDS);

        List<String> shape = stream.events.stream().map(AnthropicToolUseTest::shape).collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        expected.add("message_start");
        expected.add("content_block_start 0 text");
        expected.addAll(Collections.nCopies(EmulatorTokenizer.count(text), "content_block_delta 0 text_delta"));
        expected.add("content_block_stop 0");
        expected.add("content_block_start 1 tool_use");
        expected.addAll(Collections.nCopies(EmulatorTokenizer.count(inputJson), "content_block_delta 1 input_json_delta"));
        expected.add("content_block_stop 1");
        expected.add("message_delta tool_use");
        expected.add("message_stop");
        assertThat(shape).containsExactlyElementsOf(expected);

        JsonNode toolStart = stream.events.stream().filter(e -> shape(e).equals("content_block_start 1 tool_use")).findFirst().orElseThrow();
        assertThat(toolStart.at("/content_block/id").asText()).isEqualTo(whole.at("/content/1/id").asText());
        assertThat(toolStart.at("/content_block/name").asText()).isEqualTo(WEATHER);
        String streamedInput = stream.events.stream().filter(e -> e.at("/delta/type").asText().equals("input_json_delta"))
                .map(e -> e.at("/delta/partial_json").asText()).collect(Collectors.joining());
        assertThat(RequestBodies.read(streamedInput)).isEqualTo(whole.at("/content/1/input"));
        assertThat(stream.last().at("/amazon-bedrock-invocationMetrics/outputTokenCount").asInt())
                .isEqualTo(whole.at("/usage/output_tokens").asInt());
    }

    /** An event's type, with its block index and block or delta type where it has them, or its stop reason. */
    private static String shape(JsonNode event) {
        String type = event.get("type").asText();
        return switch (type) {
            case "content_block_start" -> type + " " + event.get("index").asInt() + " " + event.at("/content_block/type").asText();
            case "content_block_delta" -> type + " " + event.get("index").asInt() + " " + event.at("/delta/type").asText();
            case "content_block_stop" -> type + " " + event.get("index").asInt();
            case "message_delta" -> type + " " + event.at("/delta/stop_reason").asText();
            default -> type;
        };
    }
}
