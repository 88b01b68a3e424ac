package dev.llmgateway.admin;

import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.chat.GatewayException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets a request into the admin API only with an admin credential ({@code Authorization: Bearer <token>}): the admin
 * token or a named one; who it was goes on the exchange for the audit trail.
 */
public class AdminAuthenticator implements Processor {

    /** The exchange property naming who makes an admin change, for the audit trail. */
    public static final String ACTOR = "llmgw.adminActor";
    private static final String BEARER = "Bearer ";

    private final AdminCredentials credentials;

    public AdminAuthenticator(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (!credentials.any()) {
            throw new GatewayException(403, "permission_error", "admin_api_disabled", "The admin API is off. Set "
                    + "auth.adminToken (or LLMGW_AUTH_ADMINTOKEN) or auth.admins and restart to use it.");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new GatewayException(401, "authentication_error", "missing_admin_token",
                    "The admin API needs the admin token as 'Authorization: Bearer <token>'.",
                    Map.of("WWW-Authenticate", "Bearer"), null);
        }
        String presented = authorization.substring(BEARER.length()).trim();
        String name = credentials.nameOf(presented).orElseThrow(() -> new GatewayException(401,
                "authentication_error", "invalid_admin_token", "The admin token is not valid.",
                Map.of("WWW-Authenticate", "Bearer"), null));
        exchange.setProperty(ACTOR, name);
    }

    /** @return who makes the admin change on this exchange */
    public static String actor(Exchange exchange) {
        return exchange.getProperty(ACTOR, AdminCredentials.ADMIN_TOKEN, String.class);
    }
}
