package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
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
        JsonResponses.write(exchange, 200, teams.delete(TeamAdmin.team(exchange), AdminAuthenticator.actor(exchange)));
    }
}
