package dev.llmgateway.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Whether model calls can go out: an endpoint override (an emulator, a VPC endpoint) must accept connections;
 * AWS's own endpoints need credentials that still resolve (the SDK caches and refreshes them).
 */
public final class UpstreamReadiness {

    private static final int CONNECT_TIMEOUT_MS = 500;

    private final UpstreamResolver.Upstream upstream;

    public UpstreamReadiness(UpstreamResolver.Upstream upstream) {
        this.upstream = upstream;
    }

    public boolean isUsable() {
        URI endpoint = upstream.endpoint();
        if (endpoint == null) {
            upstream.credentials().resolveCredentials();
            return true;
        }
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
