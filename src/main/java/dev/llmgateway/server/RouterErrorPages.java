package dev.llmgateway.server;

import dev.llmgateway.chat.Json;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.RedactedThrowable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors the HTTP server raises before any route runs (unknown path, wrong method, body over the limit,
 * unreadable request) answered as OpenAI-style JSON instead of the server's HTML pages, and requests its HTTP parser
 * refuses (request line or headers too long, malformed) instead of its empty answers.
 */
public final class RouterErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(RouterErrorPages.class);
    private static final FailClosedLogRedactor LOG_REDACTOR = new FailClosedLogRedactor(PiiSettings.defaults());

    private RouterErrorPages() {
    }

    public static void install(CamelContext camelContext, int port, long maxRequestBytes) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof HttpClosedException) {
                return; // the client left, or a timeout closed its connection: there is no one to answer
            }
            if (ctx.statusCode() == 413) {
                answer(ctx, 413, "invalid_request_error", "request_too_large",
                        "The request body is larger than the gateway accepts (" + maxRequestBytes + " bytes).");
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                answer(ctx, ctx.statusCode(), "invalid_request_error", "bad_request",
                        "The request could not be read as HTTP; check the headers and the body encoding.");
            } else {
                LOG.error("HTTP request to {} failed", safePath(ctx),
                        ctx.failure() == null ? null : RedactedThrowable.of(ctx.failure(), LOG_REDACTOR));
                answer(ctx, 500, "server_error", "internal_error",
                        "The gateway failed to serve this request; the operators can find the cause in its log.");
            }
        });
        router.route().last().handler(ctx -> {
            String path = ctx.normalizedPath();
            boolean pathExists = router.getRoutes().stream()
                    .anyMatch(r -> r.getPath() != null && r.getPath().equals(path) && r.methods() != null);
            if (pathExists) {
                answer(ctx, 405, "invalid_request_error", "method_not_allowed",
                        "Method " + ctx.request().method() + " is not allowed on " + safePath(ctx) + ".");
            } else {
                answer(ctx, 404, "invalid_request_error", "not_found",
                        "No endpoint at " + ctx.request().method() + " " + safePath(ctx)
                                + "; the API is under /v1 (POST /v1/chat/completions, GET /v1/models).");
            }
        });
    }

    /**
     * Vert.x's invalid request handler for a server with these options: a request the HTTP parser refused gets 414
     * (request line too long), 431 (headers too large) or 400 (malformed), with a JSON error saying which limit, and
     * its connection is closed (what follows on it cannot be read reliably), as Vert.x's default handler does.
     */
    public static Handler<HttpServerRequest> parserRefusals(HttpServerOptions options) {
        int maxLine = options.getMaxInitialLineLength();
        int maxHeaders = options.getMaxHeaderSize();
        return request -> {
            Throwable cause = request.decoderResult().cause();
            int status;
            String code;
            String message;
            if (cause instanceof TooLongHttpLineException) {
                status = 414;
                code = "request_line_too_long";
                message = "The request line (method, path and query) exceeds " + maxLine
                        + " bytes, the most the gateway reads; send long parameters in the request body.";
            } else if (cause instanceof TooLongHttpHeaderException) {
                status = 431;
                code = "request_headers_too_large";
                message = "The request headers exceed " + maxHeaders
                        + " bytes, the most the gateway reads; send fewer or shorter headers.";
            } else {
                status = 400;
                code = "malformed_request";
                message = "The request could not be read as HTTP/1.1: its request line or a header is malformed.";
            }
            request.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(errorBody("invalid_request_error", code, message))
                    .onComplete(sent -> request.connection().close());
        };
    }

    private static void answer(RoutingContext ctx, int status, String type, String code, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(errorBody(type, code, message));
    }

    /** An OpenAI-style JSON error. */
    static Buffer errorBody(String type, String code, String message) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("message", message);
        detail.put("type", type);
        detail.put("param", null);
        detail.put("code", code);
        return Buffer.buffer(Json.bytes(Map.of("error", detail)));
    }

    /** The path as the client sent it, cut and stripped of anything that could forge log lines or markup. */
    private static String safePath(RoutingContext ctx) {
        String path = ctx.request().path() == null ? "" : ctx.request().path();
        String cleaned = path.replaceAll("[^A-Za-z0-9/._~-]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "..." : cleaned;
    }
}
