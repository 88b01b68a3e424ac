package dev.llmgateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.UpstreamMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upstream.credentialsProfile: Bedrock calls signed with a named profile of the AWS shared files. */
class UpstreamResolverProfileTest {

    private static final String CREDENTIALS_FILE = "aws.sharedCredentialsFile";
    private static final String CONFIG_FILE = "aws.configFile";

    @TempDir
    Path aws;
    private String credentialsBefore;
    private String configBefore;

    @BeforeEach
    void sharedFiles() throws Exception {
        Path credentials = Files.writeString(aws.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIADEFAULT000000000
                aws_secret_access_key = default-secret
                [bedrock-team]
                aws_access_key_id = AKIABEDROCKTEAM00000
                aws_secret_access_key = team-secret
                """);
        credentialsBefore = System.setProperty(CREDENTIALS_FILE, credentials.toString());
        configBefore = System.setProperty(CONFIG_FILE, Files.writeString(aws.resolve("config"), "").toString());
    }

    @AfterEach
    void restore() {
        restore(CREDENTIALS_FILE, credentialsBefore);
        restore(CONFIG_FILE, configBefore);
    }

    @Test
    void aNamedProfileSignsTheCallsEvenInAutoMode() {
        for (UpstreamMode mode : new UpstreamMode[] {UpstreamMode.BEDROCK, UpstreamMode.AUTO}) {
            UpstreamResolver.Upstream upstream = new UpstreamResolver(true).resolve(upstream(mode, "bedrock-team"));

            assertThat(upstream.mode()).isEqualTo(UpstreamMode.BEDROCK);
            assertThat(upstream.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIABEDROCKTEAM00000");
            assertThat(upstream.reason()).contains("AWS profile bedrock-team");
        }
    }

    @Test
    void aProfileThatIsNotThereIsARefusalNamingIt() {
        assertThatThrownBy(() -> new UpstreamResolver().resolve(upstream(UpstreamMode.BEDROCK, "no-such-team")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("the AWS profile no-such-team gives no credentials")
                .hasMessageContaining("upstream.credentialsProfile");
    }

    private static GatewaySettings.Upstream upstream(UpstreamMode mode, String profile) {
        return new GatewaySettings.Upstream(mode, "", profile, 0, 1000);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
