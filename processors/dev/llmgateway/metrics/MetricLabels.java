package dev.llmgateway.metrics;

import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.Names;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Label values for the gateway's metrics, each from a bounded set, so no caller can create series at will: model
 * aliases and regions come from the configuration; teams and features are those the configuration names, or an API
 * key's team and default feature (only the admin creates keys); error codes are the gateway's own. Anything else (a
 * feature a caller names in its X-Feature header, a team a batch queue message names) is {@value #OTHER}; a missing
 * value is {@value #NONE}.
 */
public final class MetricLabels {

    static final String NONE = "none";
    static final String OTHER = "other";
    /** The feature of a call whose key has no default feature and that names none (see ApiKeyAuthenticator). */
    private static final String DEFAULT_FEATURE = "default";
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");

    private final Set<String> models;
    private final Set<String> regions;
    private final Set<String> teams;
    private final Set<String> features;
    private final boolean teamLabels;
    private volatile KeyNames keys = KeyNames.NONE;
    /** Keys met on calls, by id; as many entries as keys, which only the admin creates. */
    private final Map<String, ApiKey> keysById = new ConcurrentHashMap<>();
    /** Teams found to have a key; as many as keys at most. */
    private final Set<String> keyTeams = ConcurrentHashMap.newKeySet();

    /**
     * @param models     the configured model aliases
     * @param regions    the configured regions
     * @param teams      the team names the configuration gives
     * @param features   the feature names the configuration gives
     * @param teamLabels whether series carry team and feature labels
     */
    public MetricLabels(Set<String> models, Set<String> regions, Set<String> teams, Set<String> features,
                        boolean teamLabels) {
        this.models = Set.copyOf(models);
        this.regions = Set.copyOf(regions);
        this.teams = Set.copyOf(teams);
        this.features = Set.copyOf(features);
        this.teamLabels = teamLabels;
    }

    /** Lets the teams and default features of these API keys be labels too; until then only configured names are. */
    public void knowKeys(KeyNames keys) {
        this.keys = keys;
    }

    /**
     * @param keyId the id of the API key the call was authenticated with, or null: its team, and its default feature,
     *              are labels
     * @return team and feature labels, or none at all when they are turned off
     */
    Tags caller(String team, String feature, String keyId) {
        if (!teamLabels) {
            return Tags.empty();
        }
        Optional<ApiKey> key = keyId == null ? Optional.empty() : key(keyId);
        return Tags.of("team", teamName(team, key), "feature", featureName(feature, key));
    }

    /** @return the team label, or none at all when team labels are turned off */
    Tags team(String team) {
        return teamLabels ? Tags.of("team", teamName(team, Optional.empty())) : Tags.empty();
    }

    String model(String alias) {
        return alias == null ? NONE : models.contains(alias) ? alias : OTHER;
    }

    String region(String region) {
        return region == null ? NONE : regions.contains(region) ? region : OTHER;
    }

    String code(String code) {
        return code == null ? NONE : CODE.matcher(code).matches() ? code : OTHER;
    }

    Set<String> regions() {
        return regions;
    }

    private String teamName(String team, Optional<ApiKey> key) {
        if (team == null) {
            return NONE;
        }
        if (!Names.valid(team)) {
            return OTHER;
        }
        boolean bounded = teams.contains(team) || key.map(k -> team.equals(k.team())).orElse(false) || keyTeam(team);
        return bounded ? team : OTHER;
    }

    private String featureName(String feature, Optional<ApiKey> key) {
        if (feature == null) {
            return NONE;
        }
        if (!Names.valid(feature)) {
            return OTHER;
        }
        boolean bounded = features.contains(feature) || key.map(k -> feature.equals(defaultFeature(k))).orElse(false);
        return bounded ? feature : OTHER;
    }

    private static String defaultFeature(ApiKey key) {
        return key.defaultFeature() == null ? DEFAULT_FEATURE : key.defaultFeature();
    }

    /** A key is read from the store the first time a call by it is counted: its team and feature never change. */
    private Optional<ApiKey> key(String keyId) {
        ApiKey known = keysById.get(keyId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ApiKey> found = ask(() -> keys.key(keyId), Optional.empty());
        found.ifPresent(key -> {
            keysById.put(keyId, key);
            keyTeams.add(key.team());
        });
        return found;
    }

    /** A team without a key is asked about again each time (a key may have been made for it since). */
    private boolean keyTeam(String team) {
        if (keyTeams.contains(team)) {
            return true;
        }
        boolean hasKey = ask(() -> keys.teamHasKey(team), false);
        if (hasKey) {
            keyTeams.add(team);
        }
        return hasKey;
    }

    /** @return the store's answer; while it cannot be read, the name counts as {@value #OTHER} (and is asked again) */
    private static <T> T ask(Supplier<T> question, T unanswered) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            return unanswered;
        }
    }
}
