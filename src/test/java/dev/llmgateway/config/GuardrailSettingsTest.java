package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.guard.guardrail.GuardrailRef;
import dev.llmgateway.guard.guardrail.GuardrailSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void noGuardrailByDefaultAndChecksClosed() {
        GuardrailSettings settings = loader.load(null, Map.of()).guards().guardrails();

        assertThat(settings.teams()).isEmpty();
        assertThat(settings.models()).isEmpty();
        assertThat(settings.failOpen()).isFalse();
        assertThat(settings.streamChunkChars()).isEqualTo(1000);
        assertThat(settings.of("any", "claude-3-haiku")).isNull();
    }

    @Test
    void aTeamsGuardrailWinsOverTheModelsAndTheRegionComesFromTheArn() throws Exception {
        GuardrailSettings settings = load("""
                    teams: {support: {identifier: abc123, version: "2", region: eu-west-1}}
                    models: {claude-3-haiku: {identifier: "arn:aws:bedrock:us-west-2:123456789012:guardrail/def456",
                      version: DRAFT}}
                """).guards().guardrails();

        assertThat(settings.of("support", "claude-3-haiku")).isEqualTo(new GuardrailRef("abc123", "2", "eu-west-1"));
        GuardrailRef model = settings.of("sales", "claude-3-haiku");
        assertThat(model.identifier()).endsWith("guardrail/def456");
        assertThat(model.regionOr("us-east-1")).isEqualTo("us-west-2");
        assertThat(new GuardrailRef("abc123", "1", null).regionOr("us-east-1")).isEqualTo("us-east-1");
    }

    @Test
    void aWrongGuardrailStopsTheStartNamingIt() {
        assertThatThrownBy(() -> load("    teams: {support: {identifier: abc123, version: latest}}\n"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("guards.guardrails.teams")
                .hasMessageContaining("version");
        assertThatThrownBy(() -> load("    teams: {support: {identifier: Not_An_Id, version: \"1\"}}\n"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("identifier");
        assertThatThrownBy(() -> load("    models: {claude-3-haiku2: {identifier: abc123, version: \"1\"}}\n"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("guards.guardrails.models.claude-3-haiku2: no such model alias")
                .hasMessageContaining("did you mean claude-3-haiku?");
        assertThatThrownBy(() -> load("    streamChunkChars: 5\n")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("streamChunkChars");
    }

    private GatewaySettings load(String guardrails) throws Exception {
        Path file = dir.resolve("guardrails.yaml");
        Files.writeString(file, "guards:\n  guardrails:\n" + guardrails);
        return loader.load(file, Map.of());
    }
}
