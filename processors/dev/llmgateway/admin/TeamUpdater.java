package dev.llmgateway.admin;

import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code PATCH /admin/teams/{team}}: a field given replaces the stored value, null clears it (back to the configured
 * default), a field left out is kept. A body with any wrong field changes nothing.
 */
public class TeamUpdater implements Processor {

    private final TeamAdmin teams;

    public TeamUpdater(TeamAdmin teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 200, teams.update(TeamAdmin.team(exchange), JsonBody.readObject(exchange),
                AdminAuthenticator.actor(exchange)));
    }
}
