package dev.llmgateway.metrics;

import dev.llmgateway.auth.Names;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Label values for the gateway's metrics, each from a bounded set, so no caller can create series at will: model
 * aliases and regions come from the configuration, team and feature names are validated, error codes are the
 * gateway's own. Anything else is {@value #OTHER}; a missing value is {@value #NONE}.
 */
public final class MetricLabels {

    static final String NONE = "none";
    static final String OTHER = "other";
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]{1,64}");

    private final Set<String> models;
    private final Set<String> regions;
    private final boolean teamLabels;

    /**
     * @param models     the configured model aliases
     * @param regions    the configured regions
     * @param teamLabels whether series carry team and feature labels
     */
    public MetricLabels(Set<String> models, Set<String> regions, boolean teamLabels) {
        this.models = Set.copyOf(models);
        this.regions = Set.copyOf(regions);
        this.teamLabels = teamLabels;
    }

    /** @return team and feature labels, or none at all when they are turned off */
    Tags caller(String team, String feature) {
        return teamLabels ? Tags.of("team", name(team), "feature", name(feature)) : Tags.empty();
    }

    /** @return the team label, or none at all when team labels are turned off */
    Tags team(String team) {
        return teamLabels ? Tags.of("team", name(team)) : Tags.empty();
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

    private static String name(String name) {
        return name == null ? NONE : Names.valid(name) ? name : OTHER;
    }
}
