package dev.llmgateway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The resolver refuses a request that uses a capability its model lacks, naming both, before anything else. */
class ModelResolverCapabilitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            JSON.createObjectNode().put("type", "object"));
    private static final ModelResolver RESOLVER = new ModelResolver(new ModelCatalog(List.of(
            entry("plain", Set.of()),
            entry("agent", Set.of(Capability.TOOLS)),
            entry("embedder", "titan-embed", Set.of()))));

    @Test
    void offeringToolsToAModelWithoutThemIsRefusedNamingTheModelAndTheCapability() {
        ChatRequest request = withTools("plain", List.of(new ChatMessage(ChatRole.USER, "Weather in Lima?")));

        assertThatThrownBy(() -> RESOLVER.process(exchange(request)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("unsupported_capability");
                    assertThat(e.getMessage()).contains("'plain'", "tools", "models that do: agent");
                });
    }

    @Test
    void toolTurnsInTheConversationCountAsUsingTools() {
        ChatMessage call = new ChatMessage(ChatRole.ASSISTANT, List.of(new ContentBlock.ToolUse("t1", "get_weather",
                JSON.createObjectNode().put("city", "Lima"))));
        ChatMessage result = new ChatMessage(ChatRole.USER, List.of(new ContentBlock.ToolResult("t1", "18 degrees",
                false)));
        ChatRequest request = ChatRequest.builder("plain", List.of(new ChatMessage(ChatRole.USER, "Weather in Lima?"),
                call, result)).build();

        assertThatThrownBy(() -> RESOLVER.process(exchange(request)))
                .isInstanceOfSatisfying(GatewayException.class, e ->
                        assertThat(e.code()).isEqualTo("unsupported_capability"));
    }

    @Test
    void aStructuredAnswerNeedsToolsForItIsServedAsAToolCall() {
        ChatRequest request = ChatRequest.builder("plain", List.of(new ChatMessage(ChatRole.USER, "Weather in Lima?")))
                .responseFormat(new ResponseFormat("weather", JSON.createObjectNode().put("type", "object"))).build();

        assertThatThrownBy(() -> RESOLVER.process(exchange(request)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupported_capability");
                    assertThat(e.getMessage()).contains("'plain'", "tools", "structured answer");
                });
    }

    @Test
    void aModelWithToolsTakesThem() {
        Exchange exchange = exchange(withTools("agent", List.of(new ChatMessage(ChatRole.USER, "Weather in Lima?"))));

        RESOLVER.process(exchange);

        assertThat(GatewayCall.of(exchange).model().alias()).isEqualTo("agent");
    }

    @Test
    void aPlainRequestNeedsNoCapability() {
        Exchange exchange = exchange(ChatRequest.builder("plain", List.of(new ChatMessage(ChatRole.USER, "Hello"))).build());

        RESOLVER.process(exchange);

        assertThat(GatewayCall.of(exchange).model().alias()).isEqualTo("plain");
    }

    @Test
    void anEmbeddingModelIsNotForChat() {
        Exchange exchange = exchange(ChatRequest.builder("embedder", List.of(new ChatMessage(ChatRole.USER, "Hello"))).build());

        assertThatThrownBy(() -> RESOLVER.process(exchange))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("model_not_chat"));
    }

    private static ChatRequest withTools(String model, List<ChatMessage> messages) {
        return ChatRequest.builder(model, messages).tools(List.of(WEATHER)).toolChoice(ToolChoice.AUTO).build();
    }

    private static ModelCatalog.Entry entry(String alias, Set<Capability> capabilities) {
        return entry(alias, "nova", capabilities);
    }

    private static ModelCatalog.Entry entry(String alias, String family, Set<Capability> capabilities) {
        return new ModelCatalog.Entry(new ModelSpec(alias, family, 10_000, 1_000, capabilities,
                List.of(new ModelSpec.RegionTarget("us-east-1", "amazon.nova-micro-v1:0"))), 500);
    }

    private static Exchange exchange(ChatRequest request) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GatewayCall call = GatewayCall.start(exchange, "req-0001");
        call.identify(Caller.of("default", null, "default"));
        call.setRequest(request);
        return exchange;
    }
}
