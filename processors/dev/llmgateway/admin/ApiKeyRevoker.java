package dev.llmgateway.admin;

import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code DELETE /admin/keys/{id}}: revokes a key; it stops working on every instance at once. */
public class ApiKeyRevoker implements Processor {

    private final ApiKeys keys;

    public ApiKeyRevoker(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        String actor = AdminAuthenticator.actor(exchange);
        var revoked = keys.revoke(id, (connection, before, after) -> AuditTrail.record(connection, actor,
                "key.revoke", after.team(), after.id(), ApiKeyViews.of(before), ApiKeyViews.of(after)))
                .orElseThrow(() -> new GatewayException(404, "invalid_request_error", "key_not_found",
                        "There is no API key with id '" + id + "'. GET /admin/keys lists them."));
        JsonResponses.write(exchange, 200, ApiKeyViews.of(revoked));
    }
}
