package dev.llmgateway;

import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.store.Database;
import dev.llmgateway.teams.TeamDirectory;
import dev.llmgateway.teams.TeamGuards;
import dev.llmgateway.teams.TeamSeeder;
import dev.llmgateway.teams.TeamSettings;
import dev.llmgateway.teams.TeamStore;
import java.time.Duration;
import java.util.List;

/**
 * The teams as data: the store, seeded from the configuration's {@code teams:}, and this instance's copy of them,
 * which the limits, budgets, guards and model access read. With PostgreSQL the copy is refreshed from the
 * database every {@link #REFRESH_EVERY}; with embedded storage only this process changes it.
 */
final class GatewayTeams implements AutoCloseable {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(2);

    private final TeamStore store;
    private final AuditTrail audit;
    private final TeamGuards guards;
    private final TeamDirectory directory;

    GatewayTeams(GatewaySettings settings, Database database) {
        this.store = new TeamStore(database.dataSource());
        this.audit = new AuditTrail(database.dataSource());
        TeamSeeder.seed(store, settings.teams());
        GatewaySettings.Guards configured = settings.guards();
        this.guards = new TeamGuards(configured.tokens(), configured.injection(), configured.pii(),
                configured.guardrails());
        this.directory = new TeamDirectory(store, guards, database.isShared() ? REFRESH_EVERY : null);
    }

    TeamStore store() {
        return store;
    }

    AuditTrail audit() {
        return audit;
    }

    TeamGuards guards() {
        return guards;
    }

    TeamDirectory directory() {
        return directory;
    }

    /** @return a team's budget alert thresholds as they are now: its own, or the configured ones */
    List<Integer> alertThresholds(String team, List<Integer> configured) {
        return directory.find(team).map(TeamSettings::budgetAlertThresholdsPercent).orElse(configured);
    }

    /** @return a team's own limits as they are now, or null for a team without a stored record */
    TeamLimits limits(String team) {
        return directory.find(team).map(TeamSettings::limits).orElse(null);
    }

    @Override
    public void close() {
        directory.close();
    }
}
