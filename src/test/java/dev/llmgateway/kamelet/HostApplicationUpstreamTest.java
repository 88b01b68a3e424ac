package dev.llmgateway.kamelet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.SettingsLoader;
import dev.llmgateway.upstream.UpstreamResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In an application of someone else's, the gateway answers from its emulator only when asked to. */
class HostApplicationUpstreamTest {

    @Test
    void autoWithoutAwsCredentialsIsARefusalNamingTheSettingNotTheEmulator() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null,
                "this machine has AWS credentials");
        String imds = System.setProperty("aws.disableEc2Metadata", "true");
        try {
            var upstream = new SettingsLoader().load(null, Map.of()).upstream();

            assertThatThrownBy(() -> new UpstreamResolver(true).resolve(upstream))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("upstream.mode is auto in a host application")
                    .hasMessageContaining("llmgateway.upstream.mode=emulator");
        } finally {
            if (imds == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", imds);
            }
        }
    }
}
