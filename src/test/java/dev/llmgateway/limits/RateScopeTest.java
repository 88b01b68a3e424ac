package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateScopeTest {

    private final LimitPolicy policy = new LimitPolicy(
            new LimitsSettings(null, new KeyLimits(30, null, 2), 0.25),
            Map.of("analytics", new TeamLimits(100, 40_000, 9, null, null)));

    @Test
    void aCallCountsAgainstItsTeamAndItsKey() {
        List<RateScope> scopes = RateScope.of(policy, "analytics", "key_1", KeyLimits.none(), false);

        assertThat(scopes).extracting(RateScope::key).containsExactly("team/analytics", "key/key_1");
        assertThat(scopes.get(1).requestsPerMinute()).isEqualTo(30);
        assertThat(scopes.stream().flatMap(s -> s.rateLimits().stream()).map(RateLimit::bucketKey))
                .containsExactly("team/analytics/requests/100", "team/analytics/tokens/40000", "key/key_1/requests/30");
    }

    @Test
    void aKeysOwnLimitsReplaceLimitsPerKeyForThatKey() {
        List<RateScope> scopes = RateScope.of(policy, "analytics", "key_1", new KeyLimits(5, 800, null), false);

        assertThat(scopes.get(1).requestsPerMinute()).isEqualTo(5);
        assertThat(scopes.get(1).tokensPerMinute()).isEqualTo(800);
        assertThat(scopes.get(1).concurrentRequests()).isEqualTo(2);
        assertThat(scopes.stream().flatMap(s -> s.rateLimits().stream()).map(RateLimit::bucketKey)).containsExactly(
                "team/analytics/requests/100", "team/analytics/tokens/40000", "key/key_1/requests/5",
                "key/key_1/tokens/800");
    }

    @Test
    void batchTrafficAlsoCountsAgainstItsShareOfTheTeamsLimits() {
        RateScope batch = RateScope.of(policy, "analytics", "key_1", KeyLimits.none(), true).get(2);

        assertThat(batch.key()).isEqualTo("batch/analytics");
        assertThat(batch.requestsPerMinute()).isEqualTo(25);
        assertThat(batch.tokensPerMinute()).isEqualTo(10_000);
        assertThat(batch.concurrentRequests()).isEqualTo(2);
        assertThat(batch.description()).isEqualTo("batch traffic of team analytics (25% of the team's limits)");
    }

    @Test
    void aTeamWithoutLimitsHasNoneForBatchEither() {
        RateScope batch = RateScope.of(policy, "other", null, KeyLimits.none(), true).get(1);

        assertThat(batch.rateLimits()).isEmpty();
        assertThat(batch.concurrentRequests()).isNull();
    }
}
