package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteImagesSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    @Test
    void byDefaultNoAddressIsFetched() {
        assertThat(loader.load(null, Map.of()).media().remoteImageUrls()).isEmpty();
    }

    @Test
    void aPrefixMustBeAnAbsoluteHttpUrlEndingInASlash() throws Exception {
        assertThat(load("[\"https://images.example.com/products/\"]").media().remoteImageUrls())
                .containsExactly("https://images.example.com/products/");
        for (String wrong : new String[] {"\"https://images.example.com\"", "\"ftp://images.example.com/\"",
                "\"https://user@images.example.com/\"", "\"https://images.example.com/a/../b/\"", "\"/products/\""}) {
            assertThatThrownBy(() -> load("[" + wrong + "]")).as(wrong).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("media.remoteImageUrls[0]");
        }
    }

    private GatewaySettings load(String prefixes) throws Exception {
        Path file = dir.resolve("media.yaml");
        Files.writeString(file, "media:\n  remoteImageUrls: " + prefixes + "\n");
        return loader.load(file, Map.of());
    }
}
