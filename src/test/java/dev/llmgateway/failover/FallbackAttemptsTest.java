package dev.llmgateway.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.model.FallbackFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A model's fallbacks come after every region of the model, in order, each with its own regions and breakers. */
class FallbackAttemptsTest {

    private static final ModelSpec MODEL = model("m", "model-a", "us-east-1", "us-west-2");
    private static final ModelSpec SMALL = model("small", "model-s", "eu-north-1");
    private static final ModelSpec BACKUP = model("backup", "model-b", "eu-west-1", "eu-central-1");
    /** A deadline no test meets but the one that waits for it. */
    private static final FailoverSettings SETTINGS = new FailoverSettings(60_000, 10, 20, 2, 2, 50, 60_000);

    private final List<String> events = new ArrayList<>();
    private final UpstreamCallListener listener = new UpstreamCallListener() {
        @Override
        public void called(String region, String modelId, int status, String outcome) {
        }

        @Override
        public void fellBack(String from, String to) {
            events.add("fell back " + from + " -> " + to);
        }

        @Override
        public void fallbackSkipped(String from, String to, String reason) {
            events.add("skipped " + from + " -> " + to + ": " + reason);
        }
    };
    private final RegionBreakers breakers = new RegionBreakers(SETTINGS);
    private final RegionFailover failover = new RegionFailover(SETTINGS, breakers, new RegionOrder(), listener);

    @Test
    void theFallbacksRegionsComeOnceEveryRegionOfTheModelThrottled() {
        RegionAttempts attempts = failover.start(MODEL, List.of(fits(BACKUP)));

        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
        assertThat(events).isEmpty();
        attempts.next().orElseThrow().failed(upstream(503, "ServiceUnavailableException"));
        RegionAttempts.Attempt fallback = attempts.next().orElseThrow();

        assertThat(fallback.model()).isEqualTo(BACKUP);
        assertThat(fallback.target()).isEqualTo(new ModelSpec.RegionTarget("eu-west-1", "model-b"));
        assertThat(events).containsExactly("fell back m -> backup");
    }

    @Test
    void aRequestTheModelRefusesDoesNotFallBack() {
        RegionAttempts attempts = failover.start(MODEL, List.of(fits(BACKUP)));

        RegionAttempts.Attempt first = attempts.next().orElseThrow();
        assertThatThrownBy(() -> first.failed(upstream(400, "ValidationException")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(events).isEmpty();
    }

    @Test
    void aFallbackThatCannotTakeTheRequestIsSkippedAndReportedOnce() {
        RegionAttempts attempts = failover.start(MODEL, List.of(
                new RegionFailover.Fallback(SMALL, new FallbackFit.Unfit("context_window", "too long")), fits(BACKUP)));

        failEveryRegionOfTheModel(attempts);
        RegionAttempts.Attempt fallback = attempts.next().orElseThrow();
        fallback.failed(upstream(429, "ThrottlingException"));
        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
        assertThat(attempts.next()).isEmpty();
        attempts.endRound();
        List<String> secondRound = regionsOf(attempts);

        assertThat(fallback.model()).isEqualTo(BACKUP);
        assertThat(secondRound).containsExactly("us-east-1", "us-west-2", "eu-west-1", "eu-central-1");
        assertThat(events).containsExactly("skipped m -> small: context_window", "fell back m -> backup");
    }

    @Test
    void aModelWhoseRegionsArePausedGoesStraightToItsFallback() {
        for (int i = 0; i < 2; i++) {
            RegionAttempts opening = failover.start(MODEL, List.of());
            failEveryRegionOfTheModel(opening);
        }

        RegionAttempts attempts = failover.start(MODEL, List.of(fits(BACKUP)));

        assertThat(attempts.next().orElseThrow().model()).isEqualTo(BACKUP);
    }

    @Test
    void whenEveryModelThrottlesTheClientIsToldAboutEachWithinTheDeadline() {
        RegionAttempts attempts = new RegionFailover(new FailoverSettings(1_000, 10, 20, 2, 2, 50, 60_000), breakers,
                new RegionOrder(), listener).start(MODEL, List.of(fits(BACKUP)));

        assertThatThrownBy(() -> {
            while (true) {
                for (var attempt = attempts.next(); attempt.isPresent(); attempt = attempts.next()) {
                    attempt.get().failed(upstream(429, "ThrottlingException"));
                }
                Thread.sleep(attempts.endRound());
            }
        }).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("Every region of model 'm' [us-east-1, us-west-2] and its fallback "
                    + "'backup' [eu-west-1, eu-central-1] is throttling");
        });
        assertThat(events).containsExactly("fell back m -> backup");
    }

    @Test
    void everyRegionOfEveryModelPausedIs429WhenTheyWereThrottling() {
        for (int i = 0; i < 2; i++) {
            RegionAttempts opening = failover.start(MODEL, List.of(fits(BACKUP)));
            for (int regions = 0; regions < 4; regions++) {
                opening.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
            }
        }

        RegionAttempts attempts = failover.start(MODEL, List.of(fits(BACKUP)));

        assertThat(attempts.next()).isEmpty();
        assertThatThrownBy(attempts::endRound).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo("all_regions_throttled");
            assertThat(e.getMessage()).contains("and its fallback 'backup'");
        });
    }

    private static void failEveryRegionOfTheModel(RegionAttempts attempts) {
        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
        attempts.next().orElseThrow().failed(upstream(429, "ThrottlingException"));
    }

    private static List<String> regionsOf(RegionAttempts attempts) {
        List<String> regions = new ArrayList<>();
        for (var attempt = attempts.next(); attempt.isPresent(); attempt = attempts.next()) {
            regions.add(attempt.get().target().region());
            attempt.get().abandoned();
        }
        return regions;
    }

    private static RegionFailover.Fallback fits(ModelSpec model) {
        return new RegionFailover.Fallback(model, null);
    }

    private static ModelSpec model(String alias, String modelId, String... regions) {
        return new ModelSpec(alias, "claude", 10_000, 1_000, Set.of(),
                Arrays.stream(regions).map(r -> new ModelSpec.RegionTarget(r, modelId)).toList());
    }

    private static AwsServiceException upstream(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }
}
