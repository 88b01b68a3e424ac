package dev.llmgateway.server;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The Vert.x platform-http engine, with consumers that route each request through Camel's asynchronous
 * routing engine ({@link AsyncRoutingPlatformHttpConsumer}), so a step that answers later (a token stream)
 * holds no worker thread while it waits.
 */
public class AsyncRoutingPlatformHttpEngine extends VertxPlatformHttpEngine {

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncRoutingPlatformHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}
