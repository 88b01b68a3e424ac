package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.guard.injection.InjectionClassifierSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    void aMisspelledVariableStopsTheStartNamingTheNearestOne() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_SERVER_PROT", "9090")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LLMGW_SERVER_PROT: no such setting; did you mean LLMGW_SERVER_PORT?");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_CACHE_TRESHOLD", "0.9")))
                .hasMessageContaining("did you mean LLMGW_CACHE_THRESHOLD?");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_LOG_LEVLE", "DEBUG")))
                .hasMessageContaining("did you mean LLMGW_LOG_LEVEL?");
    }

    @Test
    void everyUnknownVariableIsListedAndAFarOneStillNamesTheNearest() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_SERVER_PROT", "9090",
                "LLMGW_COMPLETELY_DIFFERENT_THING", "x", "LLMGW_SERVER_PORT", "9091")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LLMGW_SERVER_PROT: no such setting; did you mean LLMGW_SERVER_PORT?")
                .hasMessageContaining("LLMGW_COMPLETELY_DIFFERENT_THING: no such setting (the nearest is LLMGW_")
                .hasMessageNotContaining("LLMGW_SERVER_PORT:");
    }

    @Test
    void variablesThatAreNotSettingsAndOtherNamesAreLeftAlone() {
        Map<String, String> environment = new HashMap<>();
        SettingsLoader.NOT_SETTINGS.forEach(name -> environment.put(name, "x"));
        environment.put("LLMGW_CONFIG", "");
        environment.put("PATH", "/usr/bin");
        environment.put("llmgw_server_prot", "lower case is not ours");
        environment.put("LLMGW_MODELS_CLAUDE_3_5_SONNET_TARGETS_1_REGION", "eu-west-1");
        environment.put("LLMGW_GUARDS_TOKENS_MAXPROMPTTOKENS", "1000");

        GatewaySettings settings = loader.load(null, environment);

        assertThat(settings.models().get("claude-3-5-sonnet").targets().get(1).region()).isEqualTo("eu-west-1");
        assertThat(settings.guards().tokens().maxPromptTokens()).isEqualTo(1000);
    }

    @Test
    void everyVariableTheProjectSetsOrReadsIsASettingOrExempt() throws IOException {
        Path thisTest = Path.of("src/test/java/dev/llmgateway/config/SettingsLoaderTest.java"); // misspells on purpose
        Set<String> used = new TreeSet<>();
        Pattern variable = Pattern.compile("LLMGW_[A-Z0-9_]*[A-Z0-9]");
        for (String root : List.of("bin", "bench", "docs", "ops", "src", "processors", "routes", "kamelets", "emulator",
                ".ci", "README.md", "application.yaml")) {
            if (!Files.exists(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(thisTest)).toList()) {
                    Matcher m = variable.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        used.add(m.group());
                    }
                }
            }
        }
        used.remove("LLMGW_SERVER_PROT"); // the documentation's example of a misspelling
        assertThat(used).contains("LLMGW_SERVER_PORT", "LLMGW_CONFIG", "LLMGW_LOG_LEVEL", "LLMGW_TEST_PG_HOST",
                "LLMGW_MODELS_CLAUDE_3_5_SONNET_TARGETS_0_REGION");
        Map<String, String> environment = new HashMap<>();
        used.forEach(name -> environment.put(name, "x"));

        assertThatThrownBy(() -> loader.load(null, environment))
                .as("every name is known, so the load fails on the values only")
                .isInstanceOf(SettingsException.class)
                .hasMessageNotContaining("no such setting")
                .hasMessageNotContaining("is not set in the YAML");
    }

    @Test
    void aVariableUnderANamedEntryTheYamlDoesNotDefineSaysToAddTheEntry() throws IOException {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_TEAMS_NEWTEAM_REQUESTSPERMINUTE", "10")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LLMGW_TEAMS_NEWTEAM_REQUESTSPERMINUTE: no such setting: it names no entry of "
                        + "teams (teams is empty), and environment variables only override settings the YAML defines; "
                        + "add the entry under teams in the configuration file (--config)");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_LIMITS_TEAMDEFAULTS_FEATURES_BATCH_MONTHLYBUDGETUSD",
                "5")))
                .hasMessageContaining("no entry of limits.teamDefaults.features");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_AUTH_KEYS_0_TEAM", "x")))
                .hasMessageContaining("LLMGW_AUTH_KEYS_0_TEAM: no such setting: it names no element of auth.keys");

        Path file = write("""
                teams:
                  analytics: {requestsPerMinute: 600}
                """);
        GatewaySettings settings = loader.load(file, Map.of("LLMGW_TEAMS_ANALYTICS_REQUESTSPERMINUTE", "700"));
        assertThat(settings.teams().get("analytics").requestsPerMinute()).isEqualTo(700);
        assertThatThrownBy(() -> loader.load(file, Map.of("LLMGW_TEAMS_PAYMENTS_REQUESTSPERMINUTE", "10")))
                .hasMessageContaining("it names no entry of teams (teams has analytics)");
        assertThatThrownBy(() -> loader.load(file, Map.of("LLMGW_TEAMS_ANALYTICS_FEATURES_REPORTS_MONTHLYBUDGETUSD",
                "10")))
                .hasMessageContaining("it names no entry of teams.analytics.features");
    }

    @Test
    void aVariableForASettingTheYamlLeavesOutSaysToSetItThere() throws IOException {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_MODELS_CLAUDE_3_HAIKU_TARGETS_0_WEIGHT", "2")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LLMGW_MODELS_CLAUDE_3_HAIKU_TARGETS_0_WEIGHT: models.claude-3-haiku.targets[0]"
                        + ".weight is not set in the YAML configuration");
        Path file = write("""
                teams:
                  analytics: {requestsPerMinute: 600}
                """);
        assertThatThrownBy(() -> loader.load(file, Map.of("LLMGW_TEAMS_ANALYTICS_TOKENSPERMINUTE", "10")))
                .hasMessageContaining("teams.analytics.tokensPerMinute is not set in the YAML configuration");
        assertThatThrownBy(() -> loader.load(file, Map.of("LLMGW_TEAMS_ANALYTICS_REQUESTSPERMINUT", "10")))
                .hasMessageContaining("did you mean LLMGW_TEAMS_ANALYTICS_REQUESTSPERMINUTE?");
    }

    @Test
    void anEnvironmentThatCanOnlyBeLookedUpByNameIsNotChecked() {
        Map<String, String> byNameOnly = new AbstractMap<>() {
            @Override
            public String get(Object name) {
                return "LLMGW_SERVER_PORT".equals(name) ? "9098" : null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                throw new UnsupportedOperationException("by name only");
            }
        };

        assertThat(loader.load(null, byNameOnly).server().port()).isEqualTo(9098);
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
        assertThat(defaults.cache().threshold()).isEqualTo(0.88);
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
    void theInjectionClassifierIsOnByDefaultAndItsThresholdsAreSettingsValidatedByName() {
        assertThat(loader.load(null, Map.of()).guards().injection().classifier())
                .isEqualTo(new InjectionClassifierSettings(true, null, null, null, null, null));
        GatewaySettings set = loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_THRESHOLD", "0.95",
                "LLMGW_GUARDS_INJECTION_CLASSIFIER_ENABLED", "false"));
        assertThat(set.guards().injection().classifier())
                .isEqualTo(new InjectionClassifierSettings(false, 0.95, null, null, null, null));
        GatewaySettings lexical = loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_LEXICALTHRESHOLD", "0.97",
                "LLMGW_GUARDS_INJECTION_CLASSIFIER_LEXICALOVERRULE", "0"));
        assertThat(lexical.guards().injection().classifier())
                .isEqualTo(new InjectionClassifierSettings(true, null, null, null, 0.97, 0.0));
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_LEXICALTHRESHOLD", "1.5")))
                .hasMessageContaining("classifier.lexicalThreshold");
        assertThat(loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_MINWORDS", "16")).guards().injection()
                .classifier().minWords()).isEqualTo(16);
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_MINWORDS", "-1")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("classifier.minWords must be 0 or more, got -1");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_GUARDS_INJECTION_CLASSIFIER_CONFIRMTHRESHOLD", "2")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("classifier.confirmThreshold must be in [0, 1], got 2.0");
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
