package dev.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {

    private final MetricLabels labels = new MetricLabels(Set.of("claude-3-haiku"), Set.of("us-east-1"), true);

    @Test
    void configuredValuesPassAndAnythingElseIsOther() {
        assertThat(labels.model("claude-3-haiku")).isEqualTo("claude-3-haiku");
        assertThat(labels.model("gpt-4o")).isEqualTo("other");
        assertThat(labels.region("us-east-1")).isEqualTo("us-east-1");
        assertThat(labels.region("eu-west-1")).isEqualTo("other");
        assertThat(labels.code("upstream_throttled")).isEqualTo("upstream_throttled");
        assertThat(labels.code("Not A Code")).isEqualTo("other");
        assertThat(labels.caller("analytics", "bad feature!")).isEqualTo(Tags.of("team", "analytics", "feature", "other"));
    }

    @Test
    void missingValuesAreNone() {
        assertThat(labels.model(null)).isEqualTo("none");
        assertThat(labels.region(null)).isEqualTo("none");
        assertThat(labels.team(null)).isEqualTo(Tags.of("team", "none"));
    }

    @Test
    void teamLabelsTurnedOffLeaveNoTeamOrFeature() {
        MetricLabels without = new MetricLabels(Set.of(), Set.of(), false);

        assertThat(without.caller("analytics", "reports")).isEqualTo(Tags.empty());
        assertThat(without.team("analytics")).isEqualTo(Tags.empty());
    }
}
