package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Map;

/**
 * The emulator's own control endpoints under {@code /_emulator}:
 * {@code PUT /_emulator/regions/{region}} with a {@link RegionBehaviour} as JSON,
 * {@code DELETE /_emulator/regions} to reset every region, {@code GET /_emulator/stats} for all counters,
 * {@code PUT /_emulator/guardrails/{id}} with a {@link GuardrailDefinition} as JSON.
 */
final class AdminApi {
    static final String PREFIX = "/_emulator/";
    private static final String REGIONS = PREFIX + "regions";
    private static final String GUARDRAILS = PREFIX + "guardrails/";

    private final RegionRegistry regions;
    private final GuardrailRegistry guardrails;

    AdminApi(RegionRegistry regions, GuardrailRegistry guardrails) {
        this.regions = regions;
        this.guardrails = guardrails;
    }

    void handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET) && path.equals(PREFIX + "stats")) {
            JsonNode stats = Json.MAPPER.valueToTree(regions.allStats());
            Replies.json(request.response(), 200, stats, Map.of());
        } else if (method.equals(HttpMethod.DELETE) && path.equals(REGIONS)) {
            regions.reset();
            request.response().setStatusCode(204).end();
        } else if (method.equals(HttpMethod.PUT) && path.startsWith(REGIONS + "/") && path.length() > REGIONS.length() + 1) {
            configure(request, path.substring(REGIONS.length() + 1), body);
        } else if (method.equals(HttpMethod.PUT) && path.startsWith(GUARDRAILS)
                && path.length() > GUARDRAILS.length()) {
            defineGuardrail(request, path.substring(GUARDRAILS.length()), body);
        } else {
            Replies.json(request.response(), 404, Json.object().put("message", "No emulator endpoint " + method + " " + path), Map.of());
        }
    }

    private void configure(HttpServerRequest request, String region, Buffer body) {
        RegionBehaviour behaviour;
        try {
            behaviour = Json.MAPPER.readValue(body.getBytes(), RegionBehaviour.class);
        } catch (IOException | IllegalArgumentException e) {
            Replies.json(request.response(), 400, Json.object().put("message", "Invalid region behaviour: " + rootMessage(e)), Map.of());
            return;
        }
        regions.configure(region, behaviour);
        request.response().setStatusCode(204).end();
    }

    private void defineGuardrail(HttpServerRequest request, String identifier, Buffer body) {
        try {
            guardrails.define(identifier, Json.MAPPER.readValue(body.getBytes(), GuardrailDefinition.class));
        } catch (IOException | IllegalArgumentException e) {
            Replies.json(request.response(), 400, Json.object().put("message", "Invalid guardrail: " + rootMessage(e)),
                    Map.of());
            return;
        }
        request.response().setStatusCode(204).end();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
