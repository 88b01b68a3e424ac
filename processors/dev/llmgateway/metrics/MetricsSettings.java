package dev.llmgateway.metrics;

/**
 * Where and how the Prometheus metrics are served.
 *
 * @param port       port of /observe/metrics; null serves it on the API's port
 * @param host       address a separate metrics port binds to; empty: the API's address
 * @param token      bearer token a scraper must send (plain, or sha256:hex of it); empty: no authentication
 * @param teamLabels whether call metrics carry team and feature labels (off for installs with many teams)
 */
public record MetricsSettings(Integer port, String host, String token, Boolean teamLabels) {

    public MetricsSettings {
        host = host == null ? "" : host;
        token = token == null ? "" : token;
        teamLabels = teamLabels == null || teamLabels;
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings(null, null, null, null);
    }

    public boolean tokenRequired() {
        return !token.isBlank();
    }
}
