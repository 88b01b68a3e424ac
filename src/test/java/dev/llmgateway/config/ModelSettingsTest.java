package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models: settings: the default catalogue, families and capabilities. */
class ModelSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void theDefaultCatalogueLoadsEveryFamilyWithItsCapabilities() {
        ModelCatalog catalog = ModelCatalogs.from(loader.load(null, Map.of()));

        assertThat(catalog.entries()).extracting(e -> e.spec().alias()).contains("claude-3-5-sonnet",
                "claude-3-5-haiku", "claude-3-haiku", "claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5",
                "nova-pro", "nova-lite", "nova-micro", "llama-3-3-70b", "llama-4-maverick", "mistral-large-3");
        assertThat(catalog.entries()).extracting(e -> e.spec().family())
                .containsAll(ModelFamilies.all());
        assertThat(catalog.entries()).filteredOn(e -> e.spec().alias().contains("embed"))
                .extracting(e -> e.spec().alias())
                .containsExactly("cohere-embed-multilingual-v3", "titan-embed-text-v2")
                .allSatisfy(alias -> assertThat(ModelFamilies.isChat(spec(catalog, alias).family())).isFalse());
        assertThat(spec(catalog, "claude-opus-4-6").capabilities()).isEqualTo(EnumSet.allOf(Capability.class));
        assertThat(spec(catalog, "nova-micro").capabilities())
                .containsExactlyInAnyOrder(Capability.TOOLS, Capability.PROMPT_CACHING);
        assertThat(spec(catalog, "claude-3-5-haiku").supports(Capability.IMAGES)).isFalse();
    }

    @Test
    void theTestedAliasesKeepTheirDefaults() {
        ModelCatalog catalog = ModelCatalogs.from(loader.load(null, Map.of()));

        assertThat(catalog.find("claude-3-5-sonnet").defaultMaxTokens()).isEqualTo(1024);
        assertThat(spec(catalog, "claude-3-5-sonnet").maxOutputTokens()).isEqualTo(8192);
        assertThat(catalog.find("claude-3-haiku").defaultMaxTokens()).isEqualTo(1024);
        assertThat(spec(catalog, "claude-3-haiku").maxOutputTokens()).isEqualTo(4096);
    }

    @Test
    void anUnknownCapabilityStopsTheStartNamingTheNearestOne() throws IOException {
        Path file = write(model("family: nova", "capabilities: [tools, imges]"));

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("models.lab-model.capabilities[1]: unknown capability 'imges'; known capabilities: "
                        + "tools, images, documents, reasoning, promptCaching, structuredOutput; did you mean images?");
    }

    @Test
    void anUnknownFamilyStopsTheStartListingTheFamilies() throws IOException {
        Path file = write(model("family: gpt", "capabilities: []"));

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("models.lab-model.family: must be one of [claude, cohere-embed, llama, mistral, "
                        + "nova, titan-embed], is 'gpt'");
    }

    @Test
    void aModelThatListsNoCapabilitiesHasNone() throws IOException {
        ModelCatalog catalog = ModelCatalogs.from(loader.load(write(model("family: llama", "")), Map.of()));

        assertThat(spec(catalog, "lab-model").capabilities()).isEmpty();
    }

    @Test
    void anEmbeddingModelWritesNoTokensAndHasNoCapabilities() throws IOException {
        Path file = write(model("family: titan-embed", "capabilities: [tools]"));

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("models.lab-model: an embedding model writes no tokens; leave maxOutputTokens "
                        + "and defaultMaxTokens out")
                .hasMessageContaining("models.lab-model.capabilities: an embedding model has none");
    }

    private static ModelSpec spec(ModelCatalog catalog, String alias) {
        return catalog.find(alias).spec();
    }

    private static String model(String family, String capabilities) {
        return """
                models:
                  lab-model:
                    %s
                    contextWindow: 1000
                    maxOutputTokens: 100
                    defaultMaxTokens: 50
                    %s
                    targets:
                      - region: us-east-1
                        modelId: us.meta.llama3-3-70b-instruct-v1:0
                """.formatted(family, capabilities);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
