package dev.llmgateway.usage;

import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.auth.ApiKeyAuthenticator;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets an admin credential ({@code Authorization: Bearer <token>}: the admin token or a named one) see every team's
 * usage; anything else must be an API key, whose team is the only one it sees.
 */
public class UsageAuthenticator implements Processor {

    private static final String BEARER = "Bearer ";

    private final AdminCredentials admins;
    private final ApiKeyAuthenticator apiKeys;

    public UsageAuthenticator(AdminCredentials admins, ApiKeyAuthenticator apiKeys) {
        this.admins = admins;
        this.apiKeys = apiKeys;
    }

    @Override
    public void process(Exchange exchange) {
        if (presentsAdminToken(exchange.getMessage().getHeader("Authorization", String.class))) {
            exchange.getMessage().removeHeader("Authorization");
            GatewayCall.of(exchange).identify(Caller.admin());
        } else {
            apiKeys.process(exchange);
        }
    }

    private boolean presentsAdminToken(String authorization) {
        if (!admins.any() || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return admins.nameOf(authorization.substring(BEARER.length()).trim()).isPresent();
    }
}
