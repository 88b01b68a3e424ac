package dev.llmgateway.responses;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}}: a stored response of the caller's team. Another team's id, an
 * expired one and a deleted one are all the same 404, so an id tells nothing about other teams.
 */
public final class StoredResponses {

    private StoredResponses() {
    }

    public static Processor retriever(ResponseStore store) {
        return exchange -> {
            String id = id(exchange);
            ResponseStore.Stored stored = store.find(GatewayCall.of(exchange).team(), id)
                    .orElseThrow(() -> notFound(id));
            JsonResponses.write(exchange, 200, stored.response());
        };
    }

    public static Processor deleter(ResponseStore store) {
        return exchange -> {
            String id = id(exchange);
            if (!store.delete(GatewayCall.of(exchange).team(), id)) {
                throw notFound(id);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("object", "response");
            body.put("deleted", true);
            JsonResponses.write(exchange, 200, body);
        };
    }

    /** The id in the path; query parameters (OpenAI's stream, include, ...) are not served and are refused. */
    private static String id(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null && !query.isEmpty()) {
            throw GatewayException.invalidRequest("unsupported_parameter", "Query parameters are not served on "
                    + "/v1/responses/{id} (the stored response is returned whole, not streamed); remove '"
                    + ResponsesRequestReader.quoted(query) + "'.");
        }
        return exchange.getMessage().getHeader("id", String.class);
    }

    private static GatewayException notFound(String id) {
        return new GatewayException(404, "invalid_request_error", "response_not_found", "There is no stored "
                + "response '" + ResponsesRequestReader.quoted(id) + "' of your team (it may have expired or been "
                + "deleted).");
    }
}
