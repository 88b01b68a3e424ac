package dev.llmgateway.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fallback takes a request only with every capability it uses and room for its prompt and output. */
class FallbackFitTest {

    private static final List<ChatMessage> HELLO = List.of(new ChatMessage(ChatRole.USER, "Weather in Lima?"));
    private static final ChatRequest PLAIN = ChatRequest.builder("m", HELLO).maxTokens(500).build();
    private static final PromptTokenCount COUNTED = new PromptTokenCount(1_200, 1_000, false, "claude", 500);

    @Test
    void aModelWithRoomAndTheCapabilitiesFits() {
        assertThat(FallbackFit.check(PLAIN, COUNTED, model(2_000, 500, Set.of()))).isEmpty();
    }

    @Test
    void theGrantedOutputMustFitTheModelsOutputLimit() {
        assertThat(FallbackFit.check(PLAIN, COUNTED, model(100_000, 499, Set.of())))
                .hasValueSatisfying(unfit -> assertThat(unfit.reason()).isEqualTo("max_output"));
    }

    @Test
    void thePromptAndTheOutputMustFitTheContextWindow() {
        assertThat(FallbackFit.check(PLAIN, COUNTED, model(1_699, 500, Set.of())))
                .hasValueSatisfying(unfit -> {
                    assertThat(unfit.reason()).isEqualTo("context_window");
                    assertThat(unfit.detail()).contains("1200 tokens").contains("1699");
                });
    }

    @Test
    void aCapabilityTheRequestUsesMustBeThere() {
        ChatRequest withTools = PLAIN.toBuilder().tools(List.of(new ToolSpec("get_weather", "The weather in a city",
                JsonNodeFactory.instance.objectNode()))).toolChoice(ToolChoice.AUTO).build();

        assertThat(FallbackFit.check(withTools, COUNTED, model(100_000, 1_000, Set.of())))
                .hasValueSatisfying(unfit -> {
                    assertThat(unfit.reason()).isEqualTo("unsupported_capability");
                    assertThat(unfit.detail()).contains("tools");
                });
        assertThat(FallbackFit.check(withTools, COUNTED, model(100_000, 1_000, Set.of(Capability.TOOLS)))).isEmpty();
    }

    @Test
    void aFieldConverseWouldRefuseForTheFallbackMakesItUnfit() {
        ChatRequest withTopK = PLAIN.toBuilder().topK(40).build();
        ModelSpec llama = new ModelSpec("llama-fallback", "llama", 100_000, 1_000, Set.of(),
                List.of(new ModelSpec.RegionTarget("us-east-1", "model-l")));

        assertThat(FallbackFit.check(withTopK, COUNTED, llama)).hasValueSatisfying(unfit -> {
            assertThat(unfit.reason()).isEqualTo("unsupported_parameter");
            assertThat(unfit.detail()).contains("top_k");
        });
        assertThat(FallbackFit.check(withTopK, COUNTED, model(100_000, 1_000, Set.of()))).isEmpty();
    }

    private static ModelSpec model(int contextWindow, int maxOutput, Set<Capability> capabilities) {
        return new ModelSpec("fallback", "claude", contextWindow, maxOutput, capabilities,
                List.of(new ModelSpec.RegionTarget("eu-west-1", "model-f")));
    }
}
