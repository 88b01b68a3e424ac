package dev.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.auth.ApiKey;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {

    private final MetricLabels labels = new MetricLabels(Set.of("claude-3-haiku"), Set.of("us-east-1"),
            Set.of("analytics", "default"), Set.of("reports", "default"), true);

    /** A key store with these keys, counting the questions it is asked. */
    private static final class Keys implements KeyNames {

        final Map<String, ApiKey> byId;
        final List<String> questions = new ArrayList<>();
        boolean broken;

        Keys(ApiKey... keys) {
            this.byId = new HashMap<>();
            for (ApiKey key : keys) {
                byId.put(key.id(), key);
            }
        }

        @Override
        public Optional<ApiKey> key(String keyId) {
            questions.add("key " + keyId);
            if (broken) {
                throw new IllegalStateException("database away");
            }
            return Optional.ofNullable(byId.get(keyId));
        }

        @Override
        public boolean teamHasKey(String team) {
            questions.add("team " + team);
            if (broken) {
                throw new IllegalStateException("database away");
            }
            return byId.values().stream().anyMatch(key -> key.team().equals(team));
        }
    }

    private static ApiKey key(String id, String team, String defaultFeature) {
        return new ApiKey(id, "sk-", team, "a service", defaultFeature, Instant.now(), null);
    }

    @Test
    void configuredValuesPassAndAnythingElseIsOther() {
        assertThat(labels.model("claude-3-haiku")).isEqualTo("claude-3-haiku");
        assertThat(labels.model("gpt-4o")).isEqualTo("other");
        assertThat(labels.region("us-east-1")).isEqualTo("us-east-1");
        assertThat(labels.region("eu-west-1")).isEqualTo("other");
        assertThat(labels.code("upstream_throttled")).isEqualTo("upstream_throttled");
        assertThat(labels.code("Not A Code")).isEqualTo("other");
        assertThat(labels.caller("analytics", "bad feature!", null)).isEqualTo(Tags.of("team", "analytics", "feature", "other"));
        assertThat(labels.caller("analytics", "reports", null)).isEqualTo(Tags.of("team", "analytics", "feature", "reports"));
    }

    @Test
    void aValidButUnconfiguredFeatureOrTeamIsOther() {
        assertThat(labels.caller("analytics", "made-up-by-a-caller", null))
                .isEqualTo(Tags.of("team", "analytics", "feature", "other"));
        assertThat(labels.caller("made-up-team", "reports", null)).isEqualTo(Tags.of("team", "other", "feature", "reports"));
        assertThat(labels.team("made-up-team")).isEqualTo(Tags.of("team", "other"));
    }

    @Test
    void aKeysTeamAndDefaultFeatureAreLabelsButNotAFeatureItsCallerNames() {
        Keys keys = new Keys(key("key_1", "payments", "checkout"), key("key_2", "payments", null));
        labels.knowKeys(keys);

        assertThat(labels.caller("payments", "checkout", "key_1")).isEqualTo(Tags.of("team", "payments", "feature", "checkout"));
        assertThat(labels.caller("payments", "x-feature-of-the-day", "key_1"))
                .isEqualTo(Tags.of("team", "payments", "feature", "other"));
        assertThat(labels.caller("payments", "checkout", "key_2"))
                .as("another key's default feature").isEqualTo(Tags.of("team", "payments", "feature", "other"));
        assertThat(labels.caller("payments", "default", "key_2")).isEqualTo(Tags.of("team", "payments", "feature", "default"));
        assertThat(labels.caller("marketing", "checkout", "key_1"))
                .as("a team that is not the key's").isEqualTo(Tags.of("team", "other", "feature", "checkout"));
        assertThat(labels.team("payments")).isEqualTo(Tags.of("team", "payments"));
    }

    @Test
    void eachKeyIsReadOnceAndATeamWithAKeyIsRemembered() {
        Keys keys = new Keys(key("key_1", "payments", "checkout"));
        labels.knowKeys(keys);

        for (int i = 0; i < 5; i++) {
            labels.caller("payments", "checkout", "key_1");
            labels.team("payments");
        }

        assertThat(keys.questions).containsExactly("key key_1");
    }

    @Test
    void aTeamWhoseKeyIsMadeLaterBecomesALabelThen() {
        Keys keys = new Keys();
        labels.knowKeys(keys);
        assertThat(labels.team("newcomers")).isEqualTo(Tags.of("team", "other"));

        keys.byId.put("key_9", key("key_9", "newcomers", null));

        assertThat(labels.team("newcomers")).isEqualTo(Tags.of("team", "newcomers"));
    }

    @Test
    void whileTheKeyStoreCannotBeReadKeyNamesAreOtherAndAskedAgainLater() {
        Keys keys = new Keys(key("key_1", "payments", "checkout"));
        keys.broken = true;
        labels.knowKeys(keys);

        assertThat(labels.caller("payments", "checkout", "key_1")).isEqualTo(Tags.of("team", "other", "feature", "other"));

        keys.broken = false;
        assertThat(labels.caller("payments", "checkout", "key_1")).isEqualTo(Tags.of("team", "payments", "feature", "checkout"));
    }

    @Test
    void randomFeaturesAllCountAsOneOther() {
        labels.knowKeys(new Keys(key("key_1", "analytics", "reports")));
        Set<Tags> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(labels.caller("analytics", "f-" + UUID.randomUUID(), "key_1"));
        }

        assertThat(seen).containsExactly(Tags.of("team", "analytics", "feature", "other"));
    }

    @Test
    void missingValuesAreNone() {
        assertThat(labels.model(null)).isEqualTo("none");
        assertThat(labels.region(null)).isEqualTo("none");
        assertThat(labels.team(null)).isEqualTo(Tags.of("team", "none"));
        assertThat(labels.caller(null, null, null)).isEqualTo(Tags.of("team", "none", "feature", "none"));
    }

    @Test
    void teamLabelsTurnedOffLeaveNoTeamOrFeature() {
        MetricLabels without = new MetricLabels(Set.of(), Set.of(), Set.of("analytics"), Set.of("reports"), false);

        assertThat(without.caller("analytics", "reports", null)).isEqualTo(Tags.empty());
        assertThat(without.team("analytics")).isEqualTo(Tags.empty());
    }
}
