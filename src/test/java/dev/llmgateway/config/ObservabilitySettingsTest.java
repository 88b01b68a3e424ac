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
        assertThat(observability.tracing().enabled()).isFalse();
        assertThat(observability.tracing().endpoint()).isEqualTo("http://localhost:4318");
        assertThat(observability.tracing().samplingRatio()).isEqualTo(1.0);
        assertThat(observability.tracing().serviceName()).isEqualTo("camel-llm-gateway");
    }

    @Test
    void tracingIsSetByTheEnvironment() {
        GatewaySettings.Observability observability = loader.load(null, Map.of(
                "LLMGW_OBSERVABILITY_TRACING_ENABLED", "true",
                "LLMGW_OBSERVABILITY_TRACING_ENDPOINT", "http://otel-collector.monitoring:4318",
                "LLMGW_OBSERVABILITY_TRACING_SAMPLINGRATIO", "0.1",
                "LLMGW_OBSERVABILITY_TRACING_SERVICENAME", "llm-gateway-eu")).observability();

        assertThat(observability.tracing().enabled()).isTrue();
        assertThat(observability.tracing().endpoint()).isEqualTo("http://otel-collector.monitoring:4318");
        assertThat(observability.tracing().samplingRatio()).isEqualTo(0.1);
        assertThat(observability.tracing().serviceName()).isEqualTo("llm-gateway-eu");
    }

    @Test
    void wrongTracingValuesAreNamed() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_OBSERVABILITY_TRACING_SAMPLINGRATIO", "1.5")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("observability.tracing.samplingRatio");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_OBSERVABILITY_TRACING_ENDPOINT", "collector:4318")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("observability.tracing.endpoint");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_OBSERVABILITY_TRACING_SERVICENAME", " ")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("observability.tracing.serviceName");
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
