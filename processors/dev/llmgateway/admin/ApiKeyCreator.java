package dev.llmgateway.admin;

import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /admin/keys {"team", "name", "feature"?, "models"?, "expires_at"?, "requests_per_minute"?,
 * "tokens_per_minute"?}}: creates a key and shows it, this once.
 */
public class ApiKeyCreator implements Processor {

    private final KeyAdmin keys;

    public ApiKeyCreator(KeyAdmin keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 201,
                keys.create(JsonBody.readObject(exchange), AdminAuthenticator.actor(exchange)));
    }
}
