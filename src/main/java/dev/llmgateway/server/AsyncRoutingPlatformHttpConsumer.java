package dev.llmgateway.server;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.HeaderFilterStrategy;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.RedactedThrowable;
import dev.llmgateway.logging.RequestIdLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform-http consumer that runs the route asynchronously. Camel 4.18's Vert.x consumer runs every
 * route synchronously on a worker thread and writes the answer only when the route returns; a streaming
 * step would pin that thread for the whole stream. Here the route starts on a worker, a step may go
 * asynchronous (the worker is released), and the answer is written when the route completes — unless a
 * step already wrote it (a server-sent event stream), in which case there is nothing left to write.
 */
class AsyncRoutingPlatformHttpConsumer extends VertxPlatformHttpConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncRoutingPlatformHttpConsumer.class);
    private static final FailClosedLogRedactor LOG_REDACTOR = new FailClosedLogRedactor(PiiSettings.defaults());

    AsyncRoutingPlatformHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor,
                                     List<Handler<RoutingContext>> handlers, String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended()) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                releaseExchange(exchange, false);
                ctx.fail(read.cause());
                return;
            }
            ctx.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> complete(ctx, exchange));
                return null;
            }, false).onFailure(failure -> {
                releaseExchange(exchange, false);
                ctx.fail(failure);
            });
        });
    }

    private void complete(RoutingContext ctx, Exchange exchange) {
        RequestIdLogContext.run(exchange, () -> {
            try {
                HttpServerResponse response = ctx.response();
                if (!response.headWritten() && !response.ended()) {
                    writeResponse(response, exchange);
                } else if (exchange.getException() != null) {
                    LOG.warn("Route failed after its answer was written",
                            RedactedThrowable.of(exchange.getException(), LOG_REDACTOR));
                }
            } catch (RuntimeException e) {
                LOG.error("Writing the answer failed", RedactedThrowable.of(e, LOG_REDACTOR));
                if (!ctx.response().headWritten()) {
                    ctx.fail(e);
                }
            } finally {
                doneUoW(exchange);
                releaseExchange(exchange, false);
            }
        });
    }

    private void writeResponse(HttpServerResponse response, Exchange exchange) {
        Message message = exchange.getMessage();
        if (exchange.getException() != null) {
            LOG.error("Route failed without an error handler answering",
                    RedactedThrowable.of(exchange.getException(), LOG_REDACTOR));
            response.setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"message\":\"The gateway failed to serve this request.\","
                            + "\"type\":\"server_error\",\"param\":null,\"code\":\"internal_error\"}}");
            return;
        }
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        response.setStatusCode(status == null ? 200 : status);
        HeaderFilterStrategy filter = getEndpoint().getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            Object value = header.getValue();
            if (value != null && (filter == null
                    || !filter.applyFilterToCamelHeaders(header.getKey(), value, exchange))) {
                response.putHeader(header.getKey(), value.toString());
            }
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }
}
