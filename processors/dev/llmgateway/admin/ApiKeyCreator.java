package dev.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.Names;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.http.KnownFields;
import dev.llmgateway.teams.TeamDirectory;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.teams.TeamStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /admin/keys {"team", "name", "feature"?, "models"?, "expires_at"?}}: creates a key and shows it, this
 * once. The key's models must be configured ones its team may use; its expiry, if any, in the future.
 */
public class ApiKeyCreator implements Processor {

    private static final List<String> FIELDS = List.of("team", "name", "feature", "models", "expires_at");

    private final ApiKeys keys;
    private final TeamFields fields;
    private final TeamDirectory teams;
    private final TeamStore store;

    public ApiKeyCreator(ApiKeys keys, TeamFields fields, TeamDirectory teams, TeamStore store) {
        this.keys = keys;
        this.fields = fields;
        this.teams = teams;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = JsonBody.readObject(exchange);
        KnownFields.refuseOthers(body, FIELDS, "a field of a key");
        String team = validName(JsonFields.requiredString(body, "team"), "team");
        if (store.deleted(team)) {
            throw GatewayException.invalidRequest("team_deleted", "Team " + team + " was deleted; POST /admin/teams "
                    + "creates it again.");
        }
        String name = JsonFields.requiredString(body, "name");
        if (name.isBlank() || name.length() > 128) {
            throw GatewayException.invalidRequest("invalid_name", "'name' must be 1 to 128 characters.");
        }
        String feature = JsonFields.optionalString(body, "feature");
        if (feature != null) {
            validName(feature, "feature");
        }
        List<String> models = fields.keyModels(body, teams.find(team).orElse(null));
        Instant expiresAt = expiresAt(body);
        String actor = AdminAuthenticator.actor(exchange);
        ApiKeys.Created created = keys.create(team, name, feature, models, expiresAt, (connection, before, after) ->
                AuditTrail.record(connection, actor, "key.create", after.team(), after.id(), null,
                        ApiKeyViews.of(after)));
        Map<String, Object> view = new LinkedHashMap<>(ApiKeyViews.of(created.key()));
        view.put("key", created.secret());
        JsonResponses.write(exchange, 201, view);
    }

    private static Instant expiresAt(JsonNode body) {
        String value = JsonFields.optionalString(body, "expires_at");
        if (value == null) {
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest("invalid_value", "'expires_at' must be a UTC instant such as "
                    + "2027-01-31T00:00:00Z.");
        }
        if (!expiresAt.isAfter(Instant.now())) {
            throw GatewayException.invalidRequest("invalid_value", "'expires_at' (" + expiresAt + ") is not in the "
                    + "future.");
        }
        return expiresAt;
    }

    private static String validName(String value, String field) {
        if (!Names.valid(value)) {
            throw GatewayException.invalidRequest("invalid_" + field, "'" + field + "' must be " + Names.rule() + ".");
        }
        return value;
    }
}
