package dev.llmgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;

/** A chat request with tools becomes the Converse request Bedrock expects: toolConfig, toolUse and toolResult. */
class ConverseRequestBuilderTest {

    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    private static final ModelSpec CLAUDE = model("claude", Set.of(Capability.TOOLS));
    private static final ResponseFormat ANSWER = new ResponseFormat("answer",
            json("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}"));

    @Test
    void toolsToolCallsAndResultsMapToConverse() {
        ChatRequest request = request(List.of(
                new ChatMessage(ChatRole.SYSTEM, "Be brief."),
                new ChatMessage(ChatRole.USER, "Weather in Lima?"),
                new ChatMessage(ChatRole.ASSISTANT, List.of(new ContentBlock.Text("Let me look."),
                        new ContentBlock.ToolUse("call_1", "get_weather", json("{\"city\":\"Lima\"}")))),
                new ChatMessage(ChatRole.USER, List.of(new ContentBlock.ToolResult("call_1", "18 C, sunny", false))),
                new ChatMessage(ChatRole.USER, "And tomorrow?")), ToolChoice.tool("get_weather"));

        ConverseRequest converse = ConverseRequestBuilder.build(request, CLAUDE, "model-a");

        assertThat(converse.toolConfig().tools()).singleElement().satisfies(tool -> {
            assertThat(tool.toolSpec().name()).isEqualTo("get_weather");
            assertThat(Documents.json(tool.toolSpec().inputSchema().json())).isEqualTo(WEATHER.inputSchema());
        });
        assertThat(converse.toolConfig().toolChoice().tool().name()).isEqualTo("get_weather");
        List<Message> turns = converse.messages();
        assertThat(turns).hasSize(3);
        assertThat(turns.get(1).content().get(1).toolUse().toolUseId()).isEqualTo("call_1");
        assertThat(Documents.json(turns.get(1).content().get(1).toolUse().input())).isEqualTo(json("{\"city\":\"Lima\"}"));
        // the tool result and the text after it share one user turn, as Bedrock wants
        assertThat(turns.get(2).content()).hasSize(2);
        assertThat(turns.get(2).content().get(0).toolResult().content().get(0).text()).isEqualTo("18 C, sunny");
        assertThat(turns.get(2).content().get(0).toolResult().status()).isEqualTo(ToolResultStatus.SUCCESS);
        assertThat(turns.get(2).content().get(1).text()).isEqualTo("And tomorrow?");
    }

    @Test
    void cacheBreakpointsBecomeCachePointsWhereTheyWereAsked() {
        ContentBlock.CachePoint fiveMinutes = new ContentBlock.CachePoint(null);
        ChatRequest request = ChatRequest.builder("m", List.of(
                new ChatMessage(ChatRole.SYSTEM, List.of(new ContentBlock.Text("Rules."),
                        new ContentBlock.CachePoint("1h"), new ContentBlock.Text("Today is Monday."))),
                new ChatMessage(ChatRole.USER, "Weather in Lima?"),
                new ChatMessage(ChatRole.ASSISTANT, List.of(
                        new ContentBlock.ToolUse("call_1", "get_weather", json("{\"city\":\"Lima\"}")))),
                new ChatMessage(ChatRole.USER, List.of(new ContentBlock.ToolResult("call_1", "18 C", false),
                        fiveMinutes)),
                new ChatMessage(ChatRole.USER, "And tomorrow?")))
                .maxTokens(100).tools(List.of(new ToolSpec(WEATHER.name(), WEATHER.description(),
                        WEATHER.inputSchema(), new ContentBlock.CachePoint("1h")))).toolChoice(ToolChoice.AUTO)
                .build();

        ConverseRequestBuilder.check(request, CLAUDE);
        ConverseRequest converse = ConverseRequestBuilder.build(request, CLAUDE, "model-a");

        assertThat(converse.toolConfig().tools()).hasSize(2);
        assertThat(converse.toolConfig().tools().get(1).cachePoint().ttl()).isEqualTo(CacheTTL.VALUE_1_H);
        assertThat(converse.system()).extracting(SystemContentBlock::text)
                .containsExactly("Rules.", null, "Today is Monday.");
        assertThat(converse.system().get(1).cachePoint().type()).isEqualTo(CachePointType.DEFAULT);
        // the breakpoint stays after the tool result, and the text after it is a block of its own
        List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> turn = converse.messages().get(2)
                .content();
        assertThat(turn).hasSize(3);
        assertThat(turn.get(0).toolResult()).isNotNull();
        assertThat(turn.get(1).cachePoint().ttl()).isNull();
        assertThat(turn.get(2).text()).isEqualTo("And tomorrow?");
    }

    @Test
    void fiveBreakpointsOrAnHourAfterFiveMinutesAreRefused() {
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blocks.add(new ContentBlock.Text("part " + i));
            blocks.add(new ContentBlock.CachePoint(null));
        }
        assertRefused(request(List.of(new ChatMessage(ChatRole.USER, blocks)), ToolChoice.AUTO),
                "The request has 5 cache_control breakpoints; Bedrock takes at most 4.");
        assertRefused(request(List.of(new ChatMessage(ChatRole.SYSTEM, List.of(new ContentBlock.Text("Rules."),
                new ContentBlock.CachePoint("5m"))), new ChatMessage(ChatRole.USER, List.of(
                        new ContentBlock.Text("Hi"), new ContentBlock.CachePoint("1h")))), ToolChoice.AUTO),
                "A cache_control with ttl \"1h\" comes after one of \"5m\"");
    }

    @Test
    void noToolChoiceMeansNoToolConfigWhenTheConversationHasNoToolTurns() {
        ChatRequest request = request(List.of(new ChatMessage(ChatRole.USER, "hi")), ToolChoice.NONE);

        assertThat(ConverseRequestBuilder.build(request, CLAUDE, "model-a").toolConfig()).isNull();
    }

    @Test
    void whatConverseWouldRefuseIsA400NamingIt() {
        ChatMessage call = new ChatMessage(ChatRole.ASSISTANT,
                List.of(new ContentBlock.ToolUse("call_1", "get_weather", json("{}"))));
        ChatMessage user = new ChatMessage(ChatRole.USER, "Weather?");
        assertRefused(ChatRequest.builder("m", List.of(user, call)).build(),
                "offers no tools");
        assertRefused(request(List.of(user, call), ToolChoice.NONE), "tool choice of none");
        assertRefused(request(List.of(user), ToolChoice.tool("get_time")), "'get_time'");
        assertRefused(ChatRequest.builder("m", List.of(user)).tools(List.of(WEATHER, WEATHER))
                .toolChoice(ToolChoice.AUTO).build(), "Two tools are named 'get_weather'");
    }

    @Test
    void topKGoesToEachFamilyInItsOwnTerms() {
        ChatRequest request = ChatRequest.builder("m", List.of(new ChatMessage(ChatRole.USER, "hi"))).topK(40).build();

        assertThat(Documents.json(ConverseRequestBuilder.build(request, CLAUDE, "a").additionalModelRequestFields()))
                .hasToString("{\"top_k\":40}");
        assertThat(Documents.json(ConverseRequestBuilder.build(request, model("nova", Set.of()), "a")
                .additionalModelRequestFields())).hasToString("{\"inferenceConfig\":{\"topK\":40}}");
        assertThat(ConverseRequestBuilder.buildStream(request.toBuilder().topK(null).build(), CLAUDE, "a")
                .additionalModelRequestFields()).isNull();
        assertThatThrownBy(() -> ConverseRequestBuilder.check(request, model("llama", Set.of(Capability.TOOLS))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("top_k is not available for model 'm-llama'");
    }

    @Test
    void aModelWithItsOwnStructuredOutputGetsTheSchemaAsOutputConfigAndKeepsTheCallersTools() {
        ModelSpec nativeModel = model("claude", Set.of(Capability.TOOLS, Capability.STRUCTURED_OUTPUT));
        ChatRequest request = request(List.of(new ChatMessage(ChatRole.USER, "Weather?")), ToolChoice.AUTO)
                .toBuilder().responseFormat(ANSWER).build();

        ConverseRequestBuilder.check(request, nativeModel);
        ConverseRequest converse = ConverseRequestBuilder.build(request, nativeModel, "a");

        assertThat(converse.outputConfig().textFormat().structure().jsonSchema().name()).isEqualTo("answer");
        assertThat(json(converse.outputConfig().textFormat().structure().jsonSchema().schema()))
                .isEqualTo(ANSWER.schema());
        assertThat(converse.toolConfig().tools()).singleElement()
                .satisfies(tool -> assertThat(tool.toolSpec().name()).isEqualTo("get_weather"));
    }

    @Test
    void aModelWithoutItIsForcedToCallTheAnswerTool() {
        ChatRequest request = ChatRequest.builder("m", List.of(new ChatMessage(ChatRole.USER, "Count.")))
                .responseFormat(ANSWER).build();

        ConverseRequest converse = ConverseRequestBuilder.build(request, CLAUDE, "a");

        assertThat(converse.outputConfig()).isNull();
        assertThat(converse.toolConfig().toolChoice().tool().name()).isEqualTo("answer");
        assertRefused(request.toBuilder().tools(List.of(WEATHER)).toolChoice(ToolChoice.AUTO).build(),
                "needs a model with Bedrock's own structured output");
    }

    private static ModelSpec model(String family, Set<Capability> capabilities) {
        return new ModelSpec("m-" + family, family, 200_000, 8_192, capabilities,
                List.of(new ModelSpec.RegionTarget("us-east-1", family + "-id")));
    }

    private static void assertRefused(ChatRequest request, String message) {
        assertThatThrownBy(() -> ConverseRequestBuilder.check(request, CLAUDE))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    private static ChatRequest request(List<ChatMessage> messages, ToolChoice choice) {
        return ChatRequest.builder("m", messages).maxTokens(100).tools(List.of(WEATHER)).toolChoice(choice).build();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
