package dev.llmgateway.admin;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.teams.TeamSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code POST /admin/teams}: creates a team; every instance applies it within its refresh interval. */
public class TeamCreator implements Processor {

    private final TeamAdmin teams;

    public TeamCreator(TeamAdmin teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        TeamSettings team = teams.fields().create(JsonBody.readObject(exchange));
        var created = teams.store().create(team, AdminAuthenticator.actor(exchange)).orElseThrow(() ->
                new GatewayException(409, "invalid_request_error", "team_exists", "Team '" + team.team()
                        + "' exists already. PATCH /admin/teams/" + team.team() + " changes it."));
        teams.changed();
        JsonResponses.write(exchange, 201, TeamAdmin.view(created));
    }
}
