package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final RateLimit TEAM_REQUESTS = new RateLimit("team a", "team/a", RateDimension.REQUESTS, 3);
    private static final RateLimit TEAM_TOKENS = new RateLimit("team a", "team/a", RateDimension.TOKENS, 1000);
    private static final RateLimit KEY_TOKENS = new RateLimit("API key k", "key/k", RateDimension.TOKENS, 600);

    private final FakeClock clock = new FakeClock();
    private final LocalBucketStore store = new LocalBucketStore(clock);
    private final RateLimiter limiter = new RateLimiter(store);

    @Test
    void callsAreAdmittedUntilALimitIsReachedThenRefusedWithTheWaitForRoom() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(List.of(TEAM_REQUESTS), 0).admitted()).isTrue();
        }

        RateCheck refused = limiter.admit(List.of(TEAM_REQUESTS), 0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.refusals()).extracting(o -> o.limit()).containsExactly(TEAM_REQUESTS);
        assertThat(refused.retryAfterSeconds()).as("3 per minute: one back every 20 s").isEqualTo(20);
    }

    @Test
    void theBucketRefillsEvenlyOverTheMinute() {
        for (int i = 0; i < 3; i++) {
            limiter.admit(List.of(TEAM_REQUESTS), 0);
        }
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.admit(List.of(TEAM_REQUESTS), 0).admitted()).isFalse();

        clock.advance(Duration.ofSeconds(1));

        assertThat(limiter.admit(List.of(TEAM_REQUESTS), 0).admitted()).isTrue();
    }

    @Test
    void aCallRefusedByOneLimitTakesNothingFromTheOthers() {
        assertThat(limiter.admit(List.of(TEAM_TOKENS, KEY_TOKENS), 500).admitted()).isTrue();

        RateCheck refused = limiter.admit(List.of(TEAM_TOKENS, KEY_TOKENS), 200);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.refusals()).extracting(RateCheck.Outcome::limit).containsExactly(KEY_TOKENS);
        assertThat(store.bucket(TEAM_TOKENS).getAvailableTokens()).isEqualTo(500);
        assertThat(refused.remainingAfter(refused.outcomes().get(0))).isEqualTo(500);
    }

    @Test
    void settlingGivesBackUnusedTokensAndTakesAnOverrun() {
        RateCheck first = limiter.admit(List.of(TEAM_TOKENS, TEAM_REQUESTS), 400);
        limiter.settle(first.taken(), 400, 150);
        assertThat(store.bucket(TEAM_TOKENS).getAvailableTokens()).isEqualTo(850);
        assertThat(store.bucket(TEAM_REQUESTS).getAvailableTokens()).as("a request stays counted").isEqualTo(2);

        RateCheck second = limiter.admit(List.of(TEAM_TOKENS), 100);
        limiter.settle(second.taken(), 100, 300);

        assertThat(store.bucket(TEAM_TOKENS).getAvailableTokens()).isEqualTo(550);
    }

    @Test
    void aChangedLimitStartsAFreshBucket() {
        limiter.admit(List.of(TEAM_REQUESTS), 0);
        RateLimit raised = new RateLimit("team a", "team/a", RateDimension.REQUESTS, 10);

        RateCheck check = limiter.admit(List.of(raised), 0);

        assertThat(check.remainingAfter(check.outcomes().get(0))).isEqualTo(9);
    }

    @Test
    void headersShowTheLimitClosestToRunningOut() {
        limiter.admit(List.of(KEY_TOKENS), 500);

        RateCheck check = limiter.admit(List.of(TEAM_REQUESTS, TEAM_TOKENS, KEY_TOKENS), 50);

        assertThat(RateLimitHeaders.of(check)).containsEntry("x-ratelimit-limit-requests", "3")
                .containsEntry("x-ratelimit-remaining-requests", "2")
                .containsEntry("x-ratelimit-reset-requests", "20s")
                .containsEntry("x-ratelimit-limit-tokens", "600")
                .containsEntry("x-ratelimit-remaining-tokens", "50")
                .containsEntry("x-ratelimit-reset-tokens", "55s");
    }

    @Test
    void durationsAreWrittenAsOpenAiDoes() {
        assertThat(RateLimitHeaders.duration(Duration.ofMillis(250).toNanos())).isEqualTo("250ms");
        assertThat(RateLimitHeaders.duration(Duration.ofSeconds(1).toNanos())).isEqualTo("1s");
        assertThat(RateLimitHeaders.duration(Duration.ofMillis(1500).toNanos())).isEqualTo("1.5s");
        assertThat(RateLimitHeaders.duration(Duration.ofMinutes(6).toNanos())).isEqualTo("6m0s");
        assertThat(RateLimitHeaders.duration(Duration.ofSeconds(3723).toNanos())).isEqualTo("1h2m3s");
    }
}
