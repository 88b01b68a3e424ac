package dev.llmgateway.emulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads each request's body and routes it to the Bedrock Runtime operations or the admin endpoints. */
final class EmulatorRequestHandler implements Handler<HttpServerRequest> {
    /** The model id may itself hold '/' when a client does not percent-encode an ARN, hence the greedy group. */
    private static final Pattern RUNTIME_PATH = Pattern.compile("^/model/(.+)/([a-z-]+)$");
    private static final Pattern GUARDRAIL_PATH = Pattern.compile("^/guardrail/(.+)/version/([^/]+)/apply$");

    private final BedrockRuntimeApi runtime;
    private final AdminApi admin;

    EmulatorRequestHandler(BedrockRuntimeApi runtime, AdminApi admin) {
        this.runtime = runtime;
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.startsWith(AdminApi.PREFIX)) {
                admin.handle(request, body);
                return;
            }
            Matcher guardrail = GUARDRAIL_PATH.matcher(path);
            if (guardrail.matches() && request.method().equals(HttpMethod.POST)) {
                runtime.applyGuardrail(request, guardrail.group(1), guardrail.group(2), body);
                return;
            }
            Matcher m = RUNTIME_PATH.matcher(path);
            Optional<RuntimeOperation> operation = m.matches() && request.method().equals(HttpMethod.POST)
                    ? RuntimeOperation.fromPathSuffix(m.group(2)) : Optional.empty();
            if (operation.isPresent()) {
                runtime.handle(request, operation.get(), m.group(1), body);
            } else {
                request.response().putHeader(Replies.ERROR_TYPE, "UnknownOperationException");
                Replies.json(request.response(), 404, Json.object().put("message", "Unknown operation " + request.method() + " " + path),
                        Map.of());
            }
        });
    }
}
