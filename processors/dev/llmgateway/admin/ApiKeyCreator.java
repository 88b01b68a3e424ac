package dev.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.Names;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.JsonResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code POST /admin/keys {"team", "name", "feature"?}}: creates a key and shows it, this once. */
public class ApiKeyCreator implements Processor {

    private final ApiKeys keys;

    public ApiKeyCreator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        String team = validName(JsonFields.requiredString(body, "team"), "team");
        String name = JsonFields.requiredString(body, "name");
        if (name.isBlank() || name.length() > 128) {
            throw GatewayException.invalidRequest("invalid_name", "'name' must be 1 to 128 characters.");
        }
        String feature = JsonFields.optionalString(body, "feature");
        if (feature != null) {
            validName(feature, "feature");
        }
        ApiKeys.Created created = keys.create(team, name, feature);
        Map<String, Object> view = new LinkedHashMap<>(ApiKeyViews.of(created.key()));
        view.put("key", created.secret());
        JsonResponses.write(exchange, 201, view);
    }

    private static String validName(String value, String field) {
        if (!Names.valid(value)) {
            throw GatewayException.invalidRequest("invalid_" + field, "'" + field + "' must be " + Names.rule() + ".");
        }
        return value;
    }
}
