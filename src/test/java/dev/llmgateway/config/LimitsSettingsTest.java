package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.limits.LimitPolicy;
import dev.llmgateway.limits.TeamLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits:, teams: and weighted targets settings: defaults, inheritance, and errors that name the setting. */
class LimitsSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void byDefaultNothingIsLimitedAndBatchGetsHalf() {
        GatewaySettings settings = loader.load(null, Map.of());
        LimitPolicy policy = new LimitPolicy(settings.limits(), settings.teams());

        assertThat(policy.team("anyone")).isEqualTo(TeamLimits.none());
        assertThat(policy.perKey().requestsPerMinute()).isNull();
        assertThat(policy.batchShare()).isEqualTo(0.5);
    }

    @Test
    void aListedTeamTakesTheDefaultsForWhatItLeavesOut() throws IOException {
        GatewaySettings settings = loader.load(write("""
                limits:
                  teamDefaults: {requestsPerMinute: 100, concurrentRequests: 4, features: {batch: {monthlyBudgetUsd: 5}}}
                  perKey: {tokensPerMinute: 9000}
                teams:
                  analytics:
                    requestsPerMinute: 600
                    monthlyBudgetUsd: 2000
                    features:
                      reports: {monthlyBudgetUsd: 500}
                """), Map.of("LLMGW_LIMITS_BATCHSHARE", "0.25"));
        LimitPolicy policy = new LimitPolicy(settings.limits(), settings.teams());

        TeamLimits analytics = policy.team("analytics");
        assertThat(analytics.requestsPerMinute()).isEqualTo(600);
        assertThat(analytics.concurrentRequests()).isEqualTo(4);
        assertThat(analytics.tokensPerMinute()).isNull();
        assertThat(analytics.monthlyBudgetUsd()).isEqualByComparingTo("2000");
        assertThat(analytics.featureBudgetUsd("reports")).isEqualByComparingTo("500");
        assertThat(analytics.featureBudgetUsd("batch")).isEqualByComparingTo("5");
        assertThat(policy.team("other").requestsPerMinute()).isEqualTo(100);
        assertThat(policy.team("other").monthlyBudgetUsd()).isNull();
        assertThat(policy.perKey().tokensPerMinute()).isEqualTo(9000);
        assertThat(policy.batchShare()).isEqualTo(0.25);
    }

    @Test
    void theEnvironmentSetsDefaultLimits() {
        GatewaySettings settings = loader.load(null, Map.of(
                "LLMGW_LIMITS_TEAMDEFAULTS_MONTHLYBUDGETUSD", "12.50",
                "LLMGW_LIMITS_PERKEY_CONCURRENTREQUESTS", "3"));

        assertThat(settings.limits().teamDefaults().monthlyBudgetUsd()).isEqualTo(new BigDecimal("12.50"));
        assertThat(settings.limits().perKey().concurrentRequests()).isEqualTo(3);
    }

    @Test
    void invalidLimitsAreNamedWithTheirPath() throws IOException {
        Path file = write("""
                limits:
                  teamDefaults: {requestsPerMinute: 0}
                  perKey: {concurrentRequests: -1}
                  batchShare: 1.5
                teams:
                  "bad team": {tokensPerMinute: 10}
                  analytics:
                    monthlyBudgetUsd: -5
                    features:
                      reports: {monthlyBudgetUsd: -1}
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("limits.teamDefaults.requestsPerMinute: must be at least 1")
                .hasMessageContaining("limits.perKey.concurrentRequests: must be at least 1")
                .hasMessageContaining("limits.batchShare: must be above 0 and at most 1, is 1.5")
                .hasMessageContaining("teams.bad team: a team name must be")
                .hasMessageContaining("teams.analytics.monthlyBudgetUsd: cannot be negative, is -5")
                .hasMessageContaining("teams.analytics.features.reports.monthlyBudgetUsd: cannot be negative");
    }

    @Test
    void anUnknownTeamSettingIsNamed() throws IOException {
        Path file = write("teams:\n  analytics:\n    requestsPerHour: 5\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("teams.analytics.requestsPerHour: unknown setting");
    }

    @Test
    void weightsAreAllOrNoneAndNotNegative() throws IOException {
        Path file = write("""
                models:
                  claude-3-haiku:
                    targets:
                      - {region: us-east-1, modelId: "anthropic.claude-3-haiku-20240307-v1:0", weight: 2}
                      - {region: us-west-2, modelId: "anthropic.claude-3-haiku-20240307-v1:0"}
                  claude-3-5-haiku:
                    targets:
                      - {region: us-east-1, modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0", weight: -1}
                      - {region: us-west-2, modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0", weight: 0}
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("models.claude-3-haiku.targets: give every target a weight, or none (1 of 2 have one)")
                .hasMessageContaining("models.claude-3-5-haiku.targets[0].weight: must be a number >= 0, is -1.0")
                .hasMessageContaining("models.claude-3-5-haiku.targets: at least one weight must be above 0");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
