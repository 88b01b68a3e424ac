package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code DELETE /admin/teams/{team}}: deletes a team and revokes its keys, on every instance. */
public class TeamDeleter implements Processor {

    private final TeamAdmin teams;

    public TeamDeleter(TeamAdmin teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        String team = TeamAdmin.team(exchange);
        var deleted = teams.store().delete(team, AdminAuthenticator.actor(exchange))
                .orElseThrow(() -> TeamAdmin.notFound(team));
        teams.changed();
        Map<String, Object> view = TeamAdmin.view(deleted.team());
        view.put("deleted", true);
        view.put("revoked_keys", deleted.revokedKeys());
        JsonResponses.write(exchange, 200, view);
    }
}
