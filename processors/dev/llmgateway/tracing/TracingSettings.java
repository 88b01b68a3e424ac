package dev.llmgateway.tracing;

/**
 * OpenTelemetry traces of the gateway's calls, exported over OTLP. The standard {@code OTEL_*} variables (and
 * {@code otel.*} system properties) of the SDK's configuration override these values where they are set.
 *
 * @param enabled       whether calls are traced at all; off, no span is made and nothing is exported
 * @param endpoint      the OTLP/HTTP collector's base address (spans go to its /v1/traces)
 * @param samplingRatio share of the calls started here that are traced, 0 to 1 (a caller's sampled trace is followed)
 * @param serviceName   the service.name the spans carry
 */
public record TracingSettings(Boolean enabled, String endpoint, Double samplingRatio, String serviceName) {

    public TracingSettings {
        enabled = enabled != null && enabled;
        endpoint = endpoint == null ? "http://localhost:4318" : endpoint;
        samplingRatio = samplingRatio == null ? 1.0 : samplingRatio;
        serviceName = serviceName == null ? "camel-llm-gateway" : serviceName;
    }

    public static TracingSettings defaults() {
        return new TracingSettings(null, null, null, null);
    }
}
