package dev.llmgateway.admin;

import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonResponses;
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
        JsonResponses.write(exchange, 201,
                teams.create(JsonBody.readObject(exchange), AdminAuthenticator.actor(exchange)));
    }
}
