package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.cache.CacheSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void packagedDefaultsAreValid() {
        GatewaySettings settings = loader.load(null, Map.of());

        assertThat(settings.server().port()).isEqualTo(8080);
        assertThat(settings.upstream().mode()).isEqualTo(UpstreamMode.AUTO);
        assertThat(settings.models()).containsKey("claude-3-5-sonnet");
        assertThat(settings.models().get("claude-3-5-sonnet").targets()).extracting(GatewaySettings.Target::region)
                .containsExactly("us-east-1", "us-west-2");
    }

    @Test
    void environmentOverridesSingleValuesByPath() {
        GatewaySettings settings = loader.load(null, Map.of(
                "LLMGW_SERVER_PORT", "9099",
                "LLMGW_UPSTREAM_MODE", "emulator",
                "LLMGW_MODELS_CLAUDE_3_5_SONNET_TARGETS_0_REGION", "eu-west-1"));

        assertThat(settings.server().port()).isEqualTo(9099);
        assertThat(settings.upstream().mode()).isEqualTo(UpstreamMode.EMULATOR);
        assertThat(settings.models().get("claude-3-5-sonnet").targets().get(0).region()).isEqualTo("eu-west-1");
    }

    @Test
    void operatorFileMergesOverDefaults() throws IOException {
        Path file = write("""
                server:
                  port: 9100
                models:
                  team-model:
                    family: claude
                    contextWindow: 1000
                    maxOutputTokens: 100
                    defaultMaxTokens: 50
                    targets:
                      - region: eu-central-1
                        modelId: eu.anthropic.claude-3-haiku-20240307-v1:0
                pricing:
                  "eu.anthropic.claude-3-haiku-20240307-v1:0": {input: 0.25, output: 1.25}
                """);

        GatewaySettings settings = loader.load(file, Map.of());

        assertThat(settings.server().port()).isEqualTo(9100);
        assertThat(settings.server().maxRequestBytes()).isEqualTo(4194304);
        assertThat(settings.models()).containsKeys("team-model", "claude-3-5-sonnet");
    }

    @Test
    void aModelIdWithoutAPriceStopsTheStart() throws IOException {
        Path file = write("""
                models:
                  claude-3-haiku:
                    targets:
                      - region: eu-central-1
                        modelId: eu.anthropic.unpriced-v1:0
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("pricing: no price for model id 'eu.anthropic.unpriced-v1:0'");
    }

    @Test
    void aTemplateMustNameAKnownModelAndHaveAUserMessage() throws IOException {
        Path file = write("""
                templates:
                  triage:
                    1: {user: "Ticket: {{t}}", model: gpt-9}
                    2: {system: "only a system prompt"}
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .hasMessageContaining("templates.triage.1.model: 'gpt-9' is not a model alias")
                .hasMessageContaining("templates.triage.2.user: the user message template is needed");
    }

    @Test
    void postgresqlStorageNeedsAJdbcUrl() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", "postgres://db/x")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("storage.postgresql.url: must be a jdbc:postgresql:// URL");
    }

    @Test
    void unknownSettingIsNamedWithItsPathAndTheKnownOnes() throws IOException {
        Path file = write("server:\n  prot: 80\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.prot: unknown setting")
                .hasMessageContaining("port");
    }

    @Test
    void anIdleTimeoutShorterThanAnUpstreamWaitStopsTheStart() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_SERVER_IDLETIMEOUTSECONDS", "60",
                "LLMGW_SERVER_REQUESTREADTIMEOUTSECONDS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.idleTimeoutSeconds: must be longer than upstream.timeoutMs")
                .hasMessageContaining("server.requestReadTimeoutSeconds: must be at least 1");
    }

    @Test
    void wrongTypeIsNamedWithItsPath() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_SERVER_PORT", "eighty")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.port");
    }

    @Test
    void wrongEnumValueIsNamed() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_UPSTREAM_MODE", "cloud")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("upstream.mode");
    }

    @Test
    void everyInvalidValueIsListed() throws IOException {
        Path file = write("""
                server:
                  port: 70000
                upstream:
                  endpoint: "ftp://example"
                models:
                  bad:
                    family: gpt
                    contextWindow: 100
                    maxOutputTokens: 200
                    defaultMaxTokens: 10
                    targets:
                      - region: Mars
                        modelId: ""
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.port: must be a port number")
                .hasMessageContaining("upstream.endpoint: must be an http:// or https:// URL")
                .hasMessageContaining("models.bad.family")
                .hasMessageContaining("models.bad.maxOutputTokens")
                .hasMessageContaining("models.bad.targets[0].region")
                .hasMessageContaining("models.bad.targets[0].modelId: missing");
    }

    @Test
    void brokenYamlSaysWhere() throws IOException {
        Path file = write("server:\n  port: [1,\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("is not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void cacheSettingsBindWithTheirDefaultsAndOverrides() throws IOException {
        GatewaySettings defaults = loader.load(null, Map.of());
        assertThat(defaults.cache()).isEqualTo(CacheSettings.defaults());
        assertThat(defaults.cache().threshold()).isEqualTo(0.92);
        assertThat(defaults.cache().shareAcrossTeams()).isFalse();

        GatewaySettings settings = loader.load(write("""
                cache:
                  store: postgresql
                  teamThresholds: {legal: 0.97}
                  postgresql: {efSearch: 30}
                """), Map.of("LLMGW_CACHE_THRESHOLD", "0.95", "LLMGW_CACHE_TITAN_DIMENSIONS", "512"));

        assertThat(settings.cache().store()).isEqualTo(CacheSettings.StoreKind.POSTGRESQL);
        assertThat(settings.cache().thresholdFor("legal")).isEqualTo(0.97);
        assertThat(settings.cache().thresholdFor("default")).isEqualTo(0.95);
        assertThat(settings.cache().titan().dimensions()).isEqualTo(512);
        assertThat(settings.cache().postgresql().efSearch()).isEqualTo(30);
    }

    @Test
    void anInvalidCacheSettingIsNamed() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_CACHE_THRESHOLD", "1.5")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("cache")
                .hasMessageContaining("threshold must be a cosine similarity in (0, 1], got 1.5");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_CACHE_POSTGRESQL_EFSEARCH", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("postgresql.efSearch must be between 1 and 1000, got 0");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("nope.yaml does not exist");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
