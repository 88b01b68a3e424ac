package dev.llmgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;

/** A chat request with tools becomes the Converse request Bedrock expects: toolConfig, toolUse and toolResult. */
class ConverseRequestBuilderTest {

    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

    @Test
    void toolsToolCallsAndResultsMapToConverse() {
        ChatRequest request = request(List.of(
                new ChatMessage(ChatRole.SYSTEM, "Be brief."),
                new ChatMessage(ChatRole.USER, "Weather in Lima?"),
                new ChatMessage(ChatRole.ASSISTANT, List.of(new ContentBlock.Text("Let me look."),
                        new ContentBlock.ToolUse("call_1", "get_weather", json("{\"city\":\"Lima\"}")))),
                new ChatMessage(ChatRole.USER, List.of(new ContentBlock.ToolResult("call_1", "18 C, sunny", false))),
                new ChatMessage(ChatRole.USER, "And tomorrow?")), ToolChoice.tool("get_weather"));

        ConverseRequest converse = ConverseRequestBuilder.build(request, "model-a");

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
    void noToolChoiceMeansNoToolConfigWhenTheConversationHasNoToolTurns() {
        ChatRequest request = request(List.of(new ChatMessage(ChatRole.USER, "hi")), ToolChoice.NONE);

        assertThat(ConverseRequestBuilder.build(request, "model-a").toolConfig()).isNull();
    }

    @Test
    void whatConverseWouldRefuseIsA400NamingIt() {
        ChatMessage call = new ChatMessage(ChatRole.ASSISTANT,
                List.of(new ContentBlock.ToolUse("call_1", "get_weather", json("{}"))));
        ChatMessage user = new ChatMessage(ChatRole.USER, "Weather?");
        assertRefused(new ChatRequest("m", List.of(user, call), null, null, null, null, null, false, false),
                "offers no tools");
        assertRefused(request(List.of(user, call), ToolChoice.NONE), "tool choice of none");
        assertRefused(request(List.of(user), ToolChoice.tool("get_time")), "'get_time'");
        assertRefused(new ChatRequest("m", List.of(user), null, null, null, null, null, false, false,
                List.of(WEATHER, WEATHER), ToolChoice.AUTO), "Two tools are named 'get_weather'");
    }

    private static void assertRefused(ChatRequest request, String message) {
        assertThatThrownBy(() -> ConverseRequestBuilder.check(request))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    private static ChatRequest request(List<ChatMessage> messages, ToolChoice choice) {
        return new ChatRequest("m", messages, 100, null, null, null, null, false, false, List.of(WEATHER), choice);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
