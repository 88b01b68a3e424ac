package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code DELETE /admin/keys/{id}}: revokes a key; it stops working on every instance at once. */
public class ApiKeyRevoker implements Processor {

    private final KeyAdmin keys;

    public ApiKeyRevoker(KeyAdmin keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 200, keys.revoke(exchange.getMessage().getHeader("id", String.class),
                AdminAuthenticator.actor(exchange)));
    }
}
