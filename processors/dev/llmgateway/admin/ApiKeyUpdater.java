package dev.llmgateway.admin;

import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code PATCH /admin/keys/{id} {"models"?, "expires_at"?, "requests_per_minute"?, "tokens_per_minute"?}}: changes a
 * key's models, expiry and own rate limits; the next call through the key, on any instance, is held to them.
 */
public class ApiKeyUpdater implements Processor {

    private final KeyAdmin keys;

    public ApiKeyUpdater(KeyAdmin keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 200, keys.update(exchange.getMessage().getHeader("id", String.class),
                JsonBody.readObject(exchange), AdminAuthenticator.actor(exchange)));
    }
}
