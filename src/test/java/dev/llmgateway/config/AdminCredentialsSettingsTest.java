package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.auth.ApiKeySecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.admins: named admin credentials beside the admin token, each known by its name, and their errors. */
class AdminCredentialsSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void eachCredentialIsKnownByItsNameAndTheAdminTokenAsAdminToken() throws IOException {
        GatewaySettings settings = loader.load(write("""
                auth:
                  admins:
                    - {name: alice, token: "sha256:%s"}
                    - {name: bob, token: bobs-own-admin-token}
                """.formatted(ApiKeySecrets.hash("alices-admin-token"))),
                Map.of("LLMGW_AUTH_ADMINTOKEN", "the-shared-admin-token"));
        AdminCredentials credentials = AdminCredentials.of(settings.auth());

        assertThat(credentials.nameOf("alices-admin-token")).hasValue("alice");
        assertThat(credentials.nameOf("bobs-own-admin-token")).hasValue("bob");
        assertThat(credentials.nameOf("the-shared-admin-token")).hasValue("admin-token");
        assertThat(credentials.nameOf("sha256:" + ApiKeySecrets.hash("alices-admin-token"))).isEmpty();
        assertThat(credentials.nameOf("someone-elses-token")).isEmpty();
    }

    @Test
    void namedCredentialsAloneTurnTheAdminApiOn() throws IOException {
        GatewaySettings settings = loader.load(write("""
                auth:
                  admins: [{name: alice, token: alices-admin-token}]
                """), Map.of());

        assertThat(settings.auth().adminEnabled()).isTrue();
        assertThat(AdminCredentials.of(loader.load(null, Map.of()).auth()).any()).isFalse();
    }

    @Test
    void namesAreValidAndDistinctAndCredentialsLongAndTheirOwn() throws IOException {
        Path file = write("""
                auth:
                  adminToken: the-shared-admin-token
                  admins:
                    - {name: "bad name", token: a-long-enough-token-1}
                    - {name: admin-token, token: a-long-enough-token-2}
                    - {name: carol, token: short}
                    - {name: dave, token: the-shared-admin-token}
                    - {name: erin, token: a-long-enough-token-3}
                    - {name: erin, token: a-long-enough-token-4}
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("auth.admins[0].name: must be")
                .hasMessageContaining("auth.admins[1].name: 'admin-token' is taken")
                .hasMessageContaining("auth.admins[2].token: must be at least 16 characters")
                .hasMessageContaining("auth.admins[3].token: the same as another admin credential")
                .hasMessageContaining("auth.admins[5].name: 'erin' is taken");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
