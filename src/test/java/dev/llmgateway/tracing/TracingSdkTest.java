package dev.llmgateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK the gateway exports with: the tracing settings as defaults, the SDK's own otel.* configuration over them. */
class TracingSdkTest {

    private static final TracingSettings SETTINGS =
            new TracingSettings(true, "http://127.0.0.1:1", 0.25, "gateway-under-test");

    @AfterEach
    void clear() {
        System.clearProperty("otel.service.name");
        System.clearProperty("otel.traces.sampler");
    }

    @Test
    void theSettingsNameTheServiceAndSampleTheirShareOfNewTraces() {
        try (OpenTelemetrySdk sdk = TracingSdk.open(SETTINGS)) {
            String provider = sdk.getSdkTracerProvider().toString();

            assertThat(provider).contains("service.name=\"gateway-under-test\"");
            assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
                    .startsWith("ParentBased{root:TraceIdRatioBased{0.250000}");
            assertThat(provider).contains("OtlpHttpSpanExporter").contains("endpoint=http://127.0.0.1:1/v1/traces");
        }
    }

    @Test
    void theSdksOwnConfigurationOverridesThem() {
        System.setProperty("otel.service.name", "named-by-otel");
        System.setProperty("otel.traces.sampler", "always_off");

        try (OpenTelemetrySdk sdk = TracingSdk.open(SETTINGS)) {
            assertThat(sdk.getSdkTracerProvider().toString()).contains("service.name=\"named-by-otel\"");
            assertThat(sdk.getSdkTracerProvider().getSampler().getDescription()).isEqualTo("AlwaysOffSampler");
        }
    }
}
