package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model alias's fallbacks: checked when the gateway starts, and followed through each fallback's own. */
class FallbackSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void fallbacksAreTriedInOrderEachFollowedByItsOwn() throws IOException {
        ModelCatalog catalog = ModelCatalogs.from(loader.load(write("""
                models:
                  claude-sonnet-4-6: {fallbacks: [claude-haiku-4-5, nova-pro]}
                  claude-haiku-4-5: {fallbacks: [claude-3-5-haiku, nova-pro]}
                """), Map.of()));

        assertThat(catalog.fallbacksOf("claude-sonnet-4-6")).extracting(ModelSpec::alias)
                .containsExactly("claude-haiku-4-5", "claude-3-5-haiku", "nova-pro");
        assertThat(catalog.fallbacksOf("claude-haiku-4-5")).extracting(ModelSpec::alias)
                .containsExactly("claude-3-5-haiku", "nova-pro");
        assertThat(catalog.fallbacksOf("nova-pro")).isEmpty();
    }

    @Test
    void theDefaultCatalogueHasNoFallbacks() {
        ModelCatalog catalog = ModelCatalogs.from(loader.load(null, Map.of()));

        assertThat(catalog.entries()).allSatisfy(entry -> assertThat(entry.fallbacks()).isEmpty());
    }

    @Test
    void anUnknownFallbackStopsTheStartNamingTheNearestAlias() throws IOException {
        assertRefused("""
                models:
                  claude-sonnet-4-6: {fallbacks: [claude-haiku-4-6]}
                """, "models.claude-sonnet-4-6.fallbacks[0]: unknown model alias 'claude-haiku-4-6'; "
                + "did you mean claude-haiku-4-5?");
    }

    @Test
    void aModelCannotFallBackToItselfNorNameAFallbackTwice() throws IOException {
        assertRefused("""
                models:
                  nova-pro: {fallbacks: [nova-lite, nova-pro, nova-lite]}
                """, "models.nova-pro.fallbacks[1]: 'nova-pro' cannot fall back to itself",
                "models.nova-pro.fallbacks[2]: 'nova-lite' is named twice");
    }

    @Test
    void fallbacksThatComeBackToAModelStopTheStartShowingTheCycle() throws IOException {
        assertRefused("""
                models:
                  nova-pro: {fallbacks: [nova-lite]}
                  nova-lite: {fallbacks: [nova-micro]}
                  nova-micro: {fallbacks: [nova-pro]}
                """, "models.nova-pro.fallbacks: the fallbacks form a cycle "
                + "(nova-pro -> nova-lite -> nova-micro -> nova-pro)");
    }

    @Test
    void onlyChatModelsFallBackAndOnlyToChatModels() throws IOException {
        assertRefused("""
                models:
                  nova-pro: {fallbacks: [embedder]}
                  embedder:
                    family: titan-embed
                    contextWindow: 8192
                    maxOutputTokens: 1
                    defaultMaxTokens: 1
                    targets: [{region: us-east-1, modelId: "amazon.titan-embed-text-v2:0"}]
                    fallbacks: [nova-lite]
                """, "models.nova-pro.fallbacks[0]: 'embedder' is a titan-embed model, not a chat model",
                "models.embedder.fallbacks: only chat models fall back; 'embedder' is a titan-embed model");
    }

    private void assertRefused(String yaml, String... problems) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> loader.load(file, Map.of())).isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(problems));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
