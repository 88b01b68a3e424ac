package dev.llmgateway.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.SdkHttpResponse;

class RegionAttemptsTest {

    private static final long OPEN_MS = 60_000;
    private static final ModelSpec MODEL = new ModelSpec("m", "claude", 1000, 100, Set.of(), List.of(
            new ModelSpec.RegionTarget("us-east-1", "model-a"), new ModelSpec.RegionTarget("us-west-2", "model-a")));
    private final RegionBreakers breakers = new RegionBreakers(new FailoverSettings(10_000, 10, 20, 2, 2, 50, OPEN_MS));
    private final RegionFailover failover = new RegionFailover(new FailoverSettings(10_000, 10, 20, 2, 2, 50, OPEN_MS),
            breakers, new RegionOrder());

    @Test
    void aThrottlingRegionHandsOverToTheNextAtOnce() {
        RegionAttempts attempts = start(MODEL);

        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
        RegionAttempts.Attempt second = attempts.next().orElseThrow();

        assertThat(second.target().region()).isEqualTo("us-west-2");
    }

    @Test
    void aRefusedRequestIsThrownAtOnceAndDoesNotCountAgainstTheRegion() {
        RegionAttempts attempts = start(MODEL);

        RegionAttempts.Attempt first = attempts.next().orElseThrow();
        assertThatThrownBy(() -> first.failed(upstream(400, "ValidationException")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
        for (int i = 0; i < 3; i++) {
            RegionAttempts more = start(MODEL);
            RegionAttempts.Attempt again = more.next().orElseThrow();
            assertThatThrownBy(() -> again.failed(upstream(400, "ValidationException")));
        }

        assertThat(start(MODEL).next().orElseThrow().target().region()).isEqualTo("us-east-1");
    }

    @Test
    void everyRegionPausedAfterThrottlingIs429WithTheTimeUntilATrialCall() {
        openEveryBreakerWith(429, "ThrottlingException");

        assertThatThrownBy(() -> endFirstRound(start(MODEL)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("all_regions_throttled");
                    assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(1L, OPEN_MS / 1000);
                    assertThat(Long.parseLong(e.headers().get("Retry-After"))).isGreaterThan(OPEN_MS / 1000 - 10);
                });
    }

    @Test
    void everyRegionPausedAfterOutagesIs503() {
        openEveryBreakerWith(503, "ServiceUnavailableException");

        assertThatThrownBy(() -> endFirstRound(start(MODEL)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("all_regions_unavailable");
                    assertThat(e.headers()).containsKey("Retry-After");
                });
    }

    @Test
    void afterARoundWithoutAnAnswerTheRequestWaitsThenGoesRoundAgain() {
        RegionAttempts attempts = start(MODEL);
        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
        attempts.next().orElseThrow().failed(upstream(503, "ServiceUnavailableException"));
        assertThat(attempts.next()).isEmpty();

        assertThat(attempts.endRound()).isBetween(0L, 20L);

        assertThat(attempts.next().orElseThrow().target().region()).isEqualTo("us-east-1");
    }

    @Test
    void whenTheNextWaitWouldPassTheDeadlineTheClientIsToldWhatTheRegionsSaid() {
        RegionAttempts attempts = new RegionFailover(new FailoverSettings(500, 10, 20, 100, 100, 50, OPEN_MS),
                breakers, new RegionOrder()).start(MODEL, List.of());
        attempts.next().orElseThrow().failed(throttledWithRetryAfter(2));
        attempts.next().orElseThrow().failed(throttledWithRetryAfter(2));
        assertThat(attempts.next()).isEmpty();

        assertThatThrownBy(attempts::endRound).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("Every region of model 'm' [us-east-1, us-west-2] is throttling");
            assertThat(e.headers()).containsEntry("Retry-After", "2");
        });
    }

    @Test
    void aCallCutShortByTheDeadlineLeavesTheClientWithWhatTheRegionsSaidBefore() throws Exception {
        RegionAttempts attempts = new RegionFailover(new FailoverSettings(200, 10, 20, 100, 100, 50, OPEN_MS),
                breakers, new RegionOrder()).start(MODEL, List.of());
        attempts.next().orElseThrow().failed(throttledWithRetryAfter(1));
        RegionAttempts.Attempt lastChance = attempts.next().orElseThrow();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(lastChance.remainingNanos()) + 1);
        lastChance.failed(ApiCallTimeoutException.create(200));
        assertThat(attempts.next()).isEmpty();

        assertThatThrownBy(attempts::endRound).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("is throttling");
        });
    }

    private RegionAttempts start(ModelSpec model) {
        return failover.start(model, List.of());
    }

    private void openEveryBreakerWith(int status, String code) {
        for (int i = 0; i < 2; i++) {
            RegionAttempts attempts = start(MODEL);
            attempts.next().orElseThrow().failed(upstream(status, code));
            attempts.next().orElseThrow().failed(upstream(status, code));
        }
    }

    private static void endFirstRound(RegionAttempts attempts) {
        assertThat(attempts.next()).isEmpty();
        attempts.endRound();
    }

    private static AwsServiceException throttledWithRetryAfter(int seconds) {
        return AwsServiceException.builder().statusCode(429).message("slow down")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("slow down")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429)
                                .putHeader("Retry-After", Integer.toString(seconds)).build())
                        .build())
                .build();
    }

    private static AwsServiceException upstream(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
