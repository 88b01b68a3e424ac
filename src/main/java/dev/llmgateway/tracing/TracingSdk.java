package dev.llmgateway.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * The OpenTelemetry SDK the gateway exports its spans with, set up by the SDK's own autoconfiguration: the tracing
 * settings are its defaults, so the standard {@code OTEL_*} variables and {@code otel.*} system properties override
 * them (a collector's headers, resource attributes, another sampler). Traces only: no SDK metrics or logs.
 */
public final class TracingSdk {

    private TracingSdk() {
    }

    /** @return the SDK; closing it exports the spans still queued */
    public static OpenTelemetrySdk open(TracingSettings settings) {
        Map<String, String> defaults = Map.of(
                "otel.service.name", settings.serviceName(),
                "otel.traces.exporter", "otlp",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", settings.endpoint(),
                "otel.traces.sampler", "parentbased_traceidratio",
                "otel.traces.sampler.arg", Double.toString(settings.samplingRatio()));
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }
}
