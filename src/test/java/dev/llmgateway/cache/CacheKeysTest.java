package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which requests may share an answer. */
class CacheKeysTest {

    private final CacheKeys keys = new CacheKeys(CacheSettings.defaults(), "all-minilm-l6-v2");
    private final ChatRequest request = CacheRequests.question("What is the capital of Peru?");
    private final CacheKey key = keys.of(request, CacheRequests.MODEL, "analytics", "qa@2");

    @Test
    void theSameRequestHasTheSameKey() {
        ChatRequest retyped = CacheRequests.question("  What is the capital of Peru?\n");

        assertThat(keys.of(retyped, CacheRequests.MODEL, "analytics", "qa@2")).isEqualTo(key);
        assertThat(keys.of(request.withMessages(List.of(new ChatMessage(ChatRole.USER, "What is the capital of Chile?"))),
                CacheRequests.MODEL, "analytics", "qa@2").exactHash()).isNotEqualTo(key.exactHash());
    }

    @Test
    void everythingThatChangesTheAnswerSeparatesPartitions() {
        assertThat(List.of(
                keys.of(request, CacheRequests.MODEL, "payments", "qa@2"),
                keys.of(request, CacheRequests.MODEL, null, "qa@2"),
                keys.of(request, new ModelSpec("claude-3-5-sonnet", "claude", 200_000, 8192, Set.of(),
                        CacheRequests.MODEL.targets()), "analytics", "qa@2"),
                keys.of(request, CacheRequests.MODEL, "analytics", "qa@3"),
                keys.of(request, CacheRequests.MODEL, "analytics", null),
                keys.of(withSystem(request, "Answer in Spanish."), CacheRequests.MODEL, "analytics", "qa@2"),
                keys.of(request.withMaxTokens(100), CacheRequests.MODEL, "analytics", "qa@2"),
                keys.of(withSampling(request, 0.5, null, List.of()), CacheRequests.MODEL, "analytics", "qa@2"),
                keys.of(withSampling(request, 0.0, 0.9, List.of()), CacheRequests.MODEL, "analytics", "qa@2"),
                keys.of(withSampling(request, 0.0, null, List.of("\n\n")), CacheRequests.MODEL, "analytics", "qa@2"),
                new CacheKeys(CacheSettings.defaults(), "amazon.titan-embed-text-v2:0/1024")
                        .of(request, CacheRequests.MODEL, "analytics", "qa@2")))
                .extracting(CacheKey::partition).doesNotContain(key.partition()).doesNotHaveDuplicates();
    }

    @Test
    void promptCacheBreakpointsDoNotChangeTheQuestion() {
        ContentBlock.CachePoint breakpoint = new ContentBlock.CachePoint("1h");
        ToolSpec tool = new ToolSpec("lookup", "Looks a city up.", JsonNodeFactory.instance.objectNode());
        ChatRequest plain = withSystem(request, "Answer briefly.").toBuilder().tools(List.of(tool))
                .toolChoice(ToolChoice.AUTO).build();
        ChatRequest marked = plain.toBuilder().tools(List.of(new ToolSpec(tool.name(), tool.description(),
                tool.inputSchema(), breakpoint))).messages(List.of(
                        new ChatMessage(ChatRole.SYSTEM, List.of(new ContentBlock.Text("Answer briefly."), breakpoint)),
                        new ChatMessage(ChatRole.USER, List.of(new ContentBlock.Text("What is the capital of Peru?"),
                                breakpoint)))).build();

        assertThat(keys.of(marked, CacheRequests.MODEL, "analytics", "qa@2"))
                .isEqualTo(keys.of(plain, CacheRequests.MODEL, "analytics", "qa@2"));
    }

    @Test
    void nearbyTemperaturesShareABucketAndNoTemperatureIsItsOwn() {
        assertThat(CacheKeys.temperatureBucket(0.21)).isEqualTo(CacheKeys.temperatureBucket(0.19)).isEqualTo("0.2");
        assertThat(CacheKeys.temperatureBucket(0.0)).isNotEqualTo(CacheKeys.temperatureBucket(null));
    }

    @Test
    void teamsShareWhenConfiguredTo() {
        CacheSettings shared = new CacheSettings(null, null, null, null, null, null, null, null, true, null, null, null,
                null, null, null, null, null, null);
        CacheKeys sharedKeys = new CacheKeys(shared, "all-minilm-l6-v2");

        assertThat(sharedKeys.of(request, CacheRequests.MODEL, "payments", null).partition())
                .isEqualTo(sharedKeys.of(request, CacheRequests.MODEL, "analytics", null).partition());
    }

    private static ChatRequest withSystem(ChatRequest request, String system) {
        List<ChatMessage> messages = new ArrayList<>(List.of(new ChatMessage(ChatRole.SYSTEM, system)));
        messages.addAll(request.messages());
        return request.withMessages(messages);
    }

    private static ChatRequest withSampling(ChatRequest request, Double temperature, Double topP, List<String> stop) {
        return request.toBuilder().temperature(temperature).topP(topP).stop(stop).build();
    }
}
