package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilitySettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void defaultsServeMetricsOnTheApiPortWithoutATokenAndLogNoBodies() {
        GatewaySettings.Observability observability = loader.load(null, Map.of()).observability();

        assertThat(observability.metrics().port()).isNull();
        assertThat(observability.metrics().tokenRequired()).isFalse();
        assertThat(observability.metrics().teamLabels()).isTrue();
        assertThat(observability.requestLog().bodies()).isFalse();
        assertThat(observability.requestLog().maxBodyChars()).isEqualTo(2000);
    }

    @Test
    void environmentOverridesThem() {
        GatewaySettings.Observability observability = loader.load(null, Map.of(
                "LLMGW_OBSERVABILITY_METRICS_PORT", "9102",
                "LLMGW_OBSERVABILITY_METRICS_TEAMLABELS", "false",
                "LLMGW_OBSERVABILITY_REQUESTLOG_BODIES", "true")).observability();

        assertThat(observability.metrics().port()).isEqualTo(9102);
        assertThat(observability.metrics().teamLabels()).isFalse();
        assertThat(observability.requestLog().bodies()).isTrue();
    }

    @Test
    void wrongValuesAreNamed() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_OBSERVABILITY_METRICS_PORT", "70000")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("observability.metrics.port");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_OBSERVABILITY_REQUESTLOG_MAXBODYCHARS", "0")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("maxBodyChars");
    }
}
