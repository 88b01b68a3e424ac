package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/** Writing whole (non-streaming) responses: JSON answers, Bedrock errors, and answers held back by a timer. */
final class Replies {
    static final String REQUEST_ID = "x-amzn-RequestId";
    static final String ERROR_TYPE = "x-amzn-ErrorType";

    private Replies() {
    }

    static void json(HttpServerResponse response, int status, JsonNode body, Map<String, String> headers) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        headers.forEach(response::putHeader);
        response.end(Buffer.buffer(Json.bytes(body)));
    }

    /** A Bedrock error as the SDK reads it: status, {@code x-amzn-ErrorType} and a {@code message} body. */
    static void error(HttpServerResponse response, BedrockFailure failure, String requestId, RegionBehaviour behaviour) {
        BedrockError error = failure.error();
        if (response.closed() || response.ended()) {
            return;
        }
        response.putHeader(ERROR_TYPE, error.errorTypeHeader()).putHeader(REQUEST_ID, requestId);
        if (error.status() == 429 || error.status() == 503) {
            behaviour.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", String.valueOf(seconds)));
        }
        json(response, error.status(), Json.object().put("message", failure.getMessage()), Map.of());
    }

    /** Bedrock's answer to a request without credentials; it never reaches a region, so no counter sees it. */
    static void missingAuthenticationToken(HttpServerResponse response, String requestId) {
        response.putHeader(ERROR_TYPE, AuthorizationHeader.MISSING_TOKEN_ERROR_TYPE).putHeader(REQUEST_ID, requestId);
        json(response, 403, Json.object().put("message", AuthorizationHeader.MISSING_TOKEN_MESSAGE), Map.of());
    }

    /** Runs {@code reply} after {@code delayMs} on the event loop, unless the client has gone by then. */
    static void after(Vertx vertx, HttpServerResponse response, long delayMs, Runnable reply) {
        if (delayMs <= 0) {
            reply.run();
            return;
        }
        long timer = vertx.setTimer(delayMs, id -> reply.run());
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }
}
