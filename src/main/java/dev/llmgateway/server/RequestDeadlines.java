package dev.llmgateway.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a client may take to send a request: a new connection must deliver its first request's head in time,
 * else it is closed (nothing was asked, so nothing is answered); a request's body must have arrived in time, else the
 * client gets 408 and the connection is closed. Slow or stalled clients so never hold a connection, and the body
 * buffered so far, for longer than the timeout.
 */
final class RequestDeadlines {

    private final Vertx vertx;
    private final long timeoutMs;
    /** The timer of each connection still waiting for its first request head. */
    private final Map<HttpConnection, Long> awaitingHead = new ConcurrentHashMap<>();

    RequestDeadlines(Vertx vertx, int timeoutSeconds) {
        this.vertx = vertx;
        this.timeoutMs = timeoutSeconds * 1000L;
    }

    void opened(HttpConnection connection) {
        awaitingHead.put(connection, vertx.setTimer(timeoutMs, id -> {
            awaitingHead.remove(connection);
            connection.close();
        }));
        connection.closeHandler(closed -> cancelHeadTimer(connection));
    }

    /** Called with each request once its head is read, before the router sees it. */
    void received(HttpServerRequest request) {
        cancelHeadTimer(request.connection());
        if (request.isEnded()) {
            return;
        }
        long timer = vertx.setTimer(timeoutMs, id -> {
            HttpServerResponse response = request.response();
            if (request.isEnded() || response.headWritten()) {
                return;
            }
            response.setStatusCode(408)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(RouterErrorPages.errorBody("invalid_request_error", "request_timeout",
                            "The request body did not arrive within " + timeoutMs / 1000 + " s; send it at once."))
                    .onComplete(sent -> request.connection().close());
        });
        // The timer holds the request, its body and its routing context: let them go as soon as the body is in.
        request.end().onComplete(ended -> vertx.cancelTimer(timer));
    }

    private void cancelHeadTimer(HttpConnection connection) {
        Long timer = awaitingHead.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
