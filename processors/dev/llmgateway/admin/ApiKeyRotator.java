package dev.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.http.KnownFields;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /admin/keys/{id}/rotate [{"grace_period_seconds": N}]}: gives the key a new secret, shown this once;
 * the key keeps its id, team, models and expiry, and its old secret keeps working for the grace period (default
 * 24 hours, at most 7 days, 0 to stop it at once), so its users can switch without an outage.
 */
public class ApiKeyRotator implements Processor {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    private static final long MAX_GRACE_SECONDS = Duration.ofDays(7).toSeconds();
    private static final String GRACE = "grace_period_seconds";

    private final KeyAdmin keys;

    public ApiKeyRotator(KeyAdmin keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        JsonResponses.write(exchange, 200, keys.rotate(id, grace(exchange), AdminAuthenticator.actor(exchange)));
    }

    private static Duration grace(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            return DEFAULT_GRACE;
        }
        JsonNode body = JsonBody.readObject(exchange);
        KnownFields.refuseOthers(body, List.of(GRACE), "a field of a rotation");
        return grace(body.get(GRACE));
    }

    /** @param seconds the grace period in seconds, or null (or a JSON null) for the default */
    public static Duration grace(JsonNode seconds) {
        if (seconds == null || seconds.isNull()) {
            return DEFAULT_GRACE;
        }
        if (!seconds.canConvertToLong() || !seconds.isIntegralNumber() || seconds.longValue() < 0
                || seconds.longValue() > MAX_GRACE_SECONDS) {
            throw GatewayException.invalidRequest("invalid_value", "'" + GRACE + "' must be a whole number of seconds "
                    + "from 0 to " + MAX_GRACE_SECONDS + " (7 days).");
        }
        return Duration.ofSeconds(seconds.longValue());
    }
}
