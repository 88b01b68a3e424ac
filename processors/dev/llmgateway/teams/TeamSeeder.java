package dev.llmgateway.teams;

import dev.llmgateway.limits.TeamLimits;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the teams the configuration's {@code teams:} section names when the database has none of that name. The
 * database wins: a team already stored keeps its settings (a change made at run time survives a restart), and a
 * team deleted at run time stays deleted; both are logged when the configuration says otherwise.
 */
public final class TeamSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(TeamSeeder.class);

    private TeamSeeder() {
    }

    public static void seed(TeamStore store, Map<String, TeamLimits> configured) {
        configured.forEach((name, limits) -> {
            TeamSettings team = TeamSettings.of(name, limits);
            switch (store.seed(team)) {
                case CREATED -> LOG.info("Stored team {} from the configuration.", name);
                case DELETED_BEFORE -> LOG.warn("Team {} is in the configuration's teams: but was deleted through the "
                        + "admin API; it stays deleted. POST /admin/teams creates it again.", name);
                case KEPT -> store.find(name).map(TeamStore.StoredTeam::settings).filter(stored -> !stored.limits()
                        .equals(team.limits())).ifPresent(stored -> LOG.warn("Team {}: the configuration's teams: "
                        + "gives other limits than the stored team; the stored ones apply (changes at run time win). "
                        + "Change them with PATCH /admin/teams/{} or `bin/gateway teams update`.", name, name));
                default -> throw new IllegalStateException("unexpected seed outcome");
            }
        });
    }
}
