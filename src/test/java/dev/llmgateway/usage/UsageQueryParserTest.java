package dev.llmgateway.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageQueryParserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:30:00Z");

    @Test
    void withoutParametersItIsTheThirtyDaysUpToTheEndOfToday() {
        UsageQuery query = UsageQueryParser.parse(Map.of(), NOW);

        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(query.from()).isEqualTo(Instant.parse("2026-10-28T00:00:00Z"));
        assertThat(query.groupBy()).isEmpty();
        assertThat(query.team()).isNull();
        assertThat(query.feature()).isNull();
    }

    @Test
    void datesAreUtcDaysAndInstantsAreTakenAsGiven() {
        UsageQuery query = UsageQueryParser.parse(Map.of("from", "2026-11-01", "to", "2026-11-15T12:00:00Z",
                "group_by", "team, feature,model,region,day", "team", "search", "feature", "ranking"), NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-15T12:00:00Z"));
        assertThat(query.groupBy()).containsExactly(UsageDimension.TEAM, UsageDimension.FEATURE, UsageDimension.MODEL,
                UsageDimension.REGION, UsageDimension.DAY);
        assertThat(query.team()).isEqualTo("search");
        assertThat(query.feature()).isEqualTo("ranking");
    }

    @Test
    void eachBadParameterIsNamedWithWhatItTakes() {
        List<Map.Entry<Map<String, String>, String>> cases = List.of(
                Map.entry(Map.of("from", "2026-13-01"), "'from' must be a UTC date such as 2026-11-01"),
                Map.entry(Map.of("to", "yesterday"), "'to' must be a UTC date"),
                Map.entry(Map.of("from", "1969-12-31"), "'from' must be between"),
                Map.entry(Map.of("from", "2026-11-02", "to", "2026-11-02"), "'from' (2026-11-02T00:00:00Z) must be "
                        + "before 'to'"),
                Map.entry(Map.of("group_by", "team,colour"), "'group_by' takes a comma-separated list of team, "
                        + "feature, model, region, day; 'colour' is not one of them"),
                Map.entry(Map.of("group_by", "day,day"), "'group_by' names 'day' twice"),
                Map.entry(Map.of("group_by", "team,"), "'' is not one of them"),
                Map.entry(Map.of("team", "no spaces"), "'team' must be 1 to 64 letters"),
                Map.entry(Map.of("feature", "x'; DROP TABLE call_ledger"), "'feature' must be"));
        for (var badCase : cases) {
            assertThatThrownBy(() -> UsageQueryParser.parse(badCase.getKey(), NOW))
                    .isInstanceOf(InvalidUsageQuery.class).hasMessageContaining(badCase.getValue());
        }
    }
}
