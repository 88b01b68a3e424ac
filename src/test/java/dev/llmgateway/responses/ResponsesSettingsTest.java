package dev.llmgateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.SettingsLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The responses: section of application.yaml, as the gateway loads it. */
class ResponsesSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void thePackagedRetentionIsTheDocumentedThirtyDaysAndAVariableSetsIt() {
        assertThat(loader.load(null, Map.of()).responses().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(loader.load(null, Map.of("LLMGW_RESPONSES_RETENTIONDAYS", "7")).responses().retention())
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aRetentionBelowOneDayStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_RESPONSES_RETENTIONDAYS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("responses.retentionDays: must be at least 1, is 0");
    }
}
