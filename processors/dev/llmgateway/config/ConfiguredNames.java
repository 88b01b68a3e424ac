package dev.llmgateway.config;

import dev.llmgateway.auth.AuthSettings;
import dev.llmgateway.limits.BatchTraffic;
import dev.llmgateway.limits.TeamLimits;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team and feature names the settings give anywhere: the metrics take these (and API keys' teams and default
 * features) as label values, and count any other name as "other", so callers cannot add series at will.
 */
public final class ConfiguredNames {

    /** The team of the key made at the first start, and the feature of calls that name none by any means. */
    private static final String DEFAULT = "default";

    private ConfiguredNames() {
    }

    /** @return teams with limits, guard or cache settings of their own, seeded keys, and the batch team */
    public static Set<String> teams(GatewaySettings settings) {
        Set<String> teams = new TreeSet<>(settings.teams().keySet());
        teams.add(DEFAULT);
        teams.addAll(settings.guards().tokens().teams().keySet());
        teams.addAll(settings.guards().injection().teams().keySet());
        teams.addAll(settings.guards().pii().teams().keySet());
        teams.addAll(settings.guards().guardrails().teams().keySet());
        teams.addAll(settings.cache().teamThresholds().keySet());
        settings.auth().keys().forEach(key -> addName(teams, key.team()));
        if (settings.batch() != null) {
            addName(teams, settings.batch().team());
        }
        return teams;
    }

    /** @return features with budgets (of every team, or of one), seeded keys' default features, and the batch ones */
    public static Set<String> features(GatewaySettings settings) {
        Set<String> features = new TreeSet<>(settings.limits().teamDefaults().features().keySet());
        features.add(DEFAULT);
        features.add(BatchTraffic.FEATURE);
        for (TeamLimits team : settings.teams().values()) {
            if (team != null) {
                features.addAll(team.features().keySet());
            }
        }
        for (AuthSettings.SeedKey key : settings.auth().keys()) {
            addName(features, key.feature());
        }
        if (settings.batch() != null) {
            addName(features, settings.batch().feature());
        }
        return features;
    }

    private static void addName(Set<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }
}
