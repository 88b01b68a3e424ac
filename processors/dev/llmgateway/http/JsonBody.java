package dev.llmgateway.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import org.apache.camel.Exchange;

/** Reads a request body that must be one JSON object. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonNode readObject(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest("empty_body",
                    "The request body is empty; send a JSON object with Content-Type: application/json.");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw GatewayException.invalidRequest("invalid_json",
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw GatewayException.invalidRequest("invalid_json", "The request body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.invalidRequest("invalid_json", "The request body must be a JSON object.");
        }
        return node;
    }
}
