package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.ToolRequests.WEATHER;
import static dev.llmgateway.emulator.ToolRequests.WEATHER_QUESTION;
import static dev.llmgateway.emulator.ToolRequests.assistant;
import static dev.llmgateway.emulator.ToolRequests.auto;
import static dev.llmgateway.emulator.ToolRequests.toolResult;
import static dev.llmgateway.emulator.ToolRequests.tools;
import static dev.llmgateway.emulator.ToolRequests.user;
import static dev.llmgateway.emulator.ToolRequests.weatherTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Tool requests Bedrock refuses, refused with its ValidationException and wording, on Converse and on InvokeModel. */
class ToolValidationTest {
    private static final String TOOL_USE_ID = "tooluse_a1";
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

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static Message weatherCall() {
        return assistant(List.of(ContentBlock.fromToolUse(u -> u.toolUseId(TOOL_USE_ID).name(WEATHER)
                .input(ToolRequests.document(RequestBodies.read("{\"city\": \"Paris\", \"unit\": \"celsius\"}"))))));
    }

    private static Message resultFor(String toolUseId) {
        return toolResult(toolUseId, ToolResultStatus.SUCCESS, ToolResultContentBlock.fromText("Sunny"));
    }

    private static void converse(ToolConfiguration tools, Message... messages) {
        client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(messages).toolConfig(tools));
    }

    @Test
    void toolBlocksWithoutToolConfigAreRefused() {
        assertRefused(() -> converse(null, user(WEATHER_QUESTION), weatherCall(), resultFor(TOOL_USE_ID)),
                "The toolConfig field must be defined when using toolUse and toolResult content blocks.");
    }

    @Test
    void aResultForAnIdThePreviousTurnDidNotUseIsRefused() {
        assertRefused(() -> converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION), weatherCall(), resultFor("tooluse_other")),
                "Expected toolResult blocks at messages.2.content for the following Ids: " + TOOL_USE_ID);
    }

    @Test
    void moreResultsThanToolUsesAreRefused() {
        Message twoResults = Message.builder().role("user").content(
                ContentBlock.fromToolResult(r -> r.toolUseId(TOOL_USE_ID).content(ToolResultContentBlock.fromText("Sunny"))),
                ContentBlock.fromToolResult(r -> r.toolUseId("tooluse_b2").content(ToolResultContentBlock.fromText("Noon")))).build();
        assertRefused(() -> converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION), weatherCall(), twoResults),
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.");
    }

    @Test
    void aToolUseLeftWithoutAResultIsRefused() {
        assertRefused(() -> converse(tools(auto(), weatherTool()), user(WEATHER_QUESTION), weatherCall(), user("And tomorrow?")),
                "Expected toolResult blocks at messages.2.content for the following Ids: " + TOOL_USE_ID);
    }

    @Test
    void toolNamesMustMatchThePatternAndLength() {
        assertRefused(() -> converse(tools(auto(), weatherTool(), ToolRequests.tool("get weather", "Weather", ToolRequests.TIME_SCHEMA)),
                        user(WEATHER_QUESTION)),
                "1 validation error detected: Value 'get weather' at 'toolConfig.tools.2.member.toolSpec.name' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+");
        String longName = "t".repeat(65);
        assertRefused(() -> converse(tools(auto(), ToolRequests.tool(longName, "Weather", ToolRequests.TIME_SCHEMA)), user(WEATHER_QUESTION)),
                "1 validation error detected: Value '" + longName + "' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 64");
    }

    @Test
    void toolChoiceMustNameAnOfferedTool() {
        assertRefused(() -> converse(tools(ToolChoice.fromTool(t -> t.name("get_stock_price")), weatherTool()), user(WEATHER_QUESTION)),
                "The tool get_stock_price named in toolConfig.toolChoice is not in toolConfig.tools.");
    }

    @Test
    void converseStreamRefusesBeforeTheStreamStarts() {
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder().build()).build();
        assertThatThrownBy(() -> asyncClient.converseStream(r -> r.modelId(SdkClients.CLAUDE)
                        .messages(user(WEATHER_QUESTION), weatherCall(), resultFor(TOOL_USE_ID)), handler).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ValidationException.class)
                .hasMessageContaining("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
        assertThat(emulator.stats("us-east-1").streamsStarted()).isZero();
    }

    private static ObjectNode anthropicConversation(boolean withTools, String resultId) {
        ObjectNode body = RequestBodies.claude(WEATHER_QUESTION, 100);
        if (withTools) {
            body.putArray("tools").addObject().put("name", WEATHER).set("input_schema", ToolRequests.WEATHER_SCHEMA);
        }
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "assistant").putArray("content").addObject()
                .put("type", "tool_use").put("id", "toolu_bdrk_01a").put("name", WEATHER).putObject("input");
        messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", resultId).put("content", "Sunny");
        return body;
    }

    private static void invoke(ObjectNode body) {
        client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(body)));
    }

    @Test
    void anthropicToolBlocksWithoutToolsAreRefused() {
        assertRefused(() -> invoke(anthropicConversation(false, "toolu_bdrk_01a")),
                "Requests which include `tool_use` or `tool_result` blocks must define tools.");
    }

    @Test
    void anthropicResultForAnUnknownIdIsRefused() {
        assertRefused(() -> invoke(anthropicConversation(true, "toolu_bdrk_01b")),
                "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_bdrk_01b. "
                        + "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
    }

    @Test
    void anthropicToolUseLeftWithoutAResultIsRefused() {
        ObjectNode body = anthropicConversation(true, "toolu_bdrk_01a");
        ((ArrayNode) body.get("messages")).remove(2);
        ((ArrayNode) body.get("messages")).addObject().put("role", "user").put("content", "And tomorrow?");
        assertRefused(() -> invoke(body), "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: "
                + "toolu_bdrk_01a. Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
    }

    @Test
    void anthropicToolNamesMustMatchThePattern() {
        ObjectNode body = RequestBodies.claude(WEATHER_QUESTION, 100);
        body.putArray("tools").addObject().put("name", "get weather").set("input_schema", ToolRequests.WEATHER_SCHEMA);
        assertRefused(() -> invoke(body), "Malformed input request: #/tools/0/name: string [get weather] does not match pattern "
                + "^[a-zA-Z0-9_-]{1,64}$, please reformat your input and try again.");
    }
}
