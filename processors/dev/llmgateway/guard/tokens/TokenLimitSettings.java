package dev.llmgateway.guard.tokens;

import java.util.Map;

/**
 * Settings of the {@link TokenLimitProcessor}. Every field may be left out; nulls take the defaults.
 *
 * @param margins           estimation margin per model family; defaults to {@link TokenEstimator#defaultMargins()}
 * @param maxPromptTokens   largest prompt for a team without its own limit; null means only the context window limits it
 * @param maxOutputTokens   most output tokens per request for a team without its own limit; null means only the model limits it
 * @param teams             per-team overrides, by team name
 * @param exactCountFraction when an {@link ExactTokenCounter} is given, it is asked once the estimate reaches this
 *                          fraction of the tightest prompt limit; default 0.9
 */
public record TokenLimitSettings(Map<String, FamilyMargin> margins, Integer maxPromptTokens, Integer maxOutputTokens,
                                 Map<String, TeamTokenLimits> teams, Double exactCountFraction) {

    public static final double DEFAULT_EXACT_COUNT_FRACTION = 0.9;

    public TokenLimitSettings {
        margins = margins == null ? TokenEstimator.defaultMargins() : Map.copyOf(margins);
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        exactCountFraction = exactCountFraction == null ? DEFAULT_EXACT_COUNT_FRACTION : exactCountFraction;
        if (exactCountFraction <= 0 || exactCountFraction > 1) {
            throw new IllegalArgumentException("exactCountFraction must be in (0, 1], got " + exactCountFraction);
        }
        requirePositive("maxPromptTokens", maxPromptTokens);
        requirePositive("maxOutputTokens", maxOutputTokens);
        teams.forEach((team, limits) -> {
            requirePositive("teams." + team + ".maxPromptTokens", limits.maxPromptTokens());
            requirePositive("teams." + team + ".maxOutputTokens", limits.maxOutputTokens());
        });
    }

    public static TokenLimitSettings defaults() {
        return new TokenLimitSettings(null, null, null, null, null);
    }

    public Integer maxPromptTokens(String team) {
        TeamTokenLimits limits = teams.get(team);
        return limits != null && limits.maxPromptTokens() != null ? limits.maxPromptTokens() : maxPromptTokens;
    }

    public Integer maxOutputTokens(String team) {
        TeamTokenLimits limits = teams.get(team);
        return limits != null && limits.maxOutputTokens() != null ? limits.maxOutputTokens() : maxOutputTokens;
    }

    private static void requirePositive(String name, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
