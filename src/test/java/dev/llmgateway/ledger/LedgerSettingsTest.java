package dev.llmgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.config.SettingsException;
import dev.llmgateway.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger: section of application.yaml, as the gateway loads it. */
class LedgerSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void thePackagedDefaultsAreTheDocumentedOnes() {
        LedgerSettings ledger = loader.load(null, Map.of()).ledger();

        assertThat(ledger).isEqualTo(new LedgerSettings(200, 1000L, 10_000, "ledger-spool", 5000L));
        assertThat(ledger.spoolPath(Path.of("/srv/gateway"))).isEqualTo(Path.of("/srv/gateway/ledger-spool"));
    }

    @Test
    void anEmptySectionTakesTheDefaultsAndAnAbsoluteSpoolStaysWhereItIs() throws Exception {
        Path empty = Files.writeString(Files.createTempFile("llmgw-", ".yaml"), "ledger:\n");
        Path spool = Files.writeString(Files.createTempFile("llmgw-", ".yaml"),
                "ledger: {spoolDir: /var/spool/llmgw, batchSize: 50}\n");

        assertThat(loader.load(empty, Map.of()).ledger()).isEqualTo(LedgerSettings.defaults());
        LedgerSettings custom = loader.load(spool, Map.of()).ledger();
        assertThat(custom.batchSize()).isEqualTo(50);
        assertThat(custom.flushIntervalMs()).isEqualTo(1000L);
        assertThat(custom.spoolPath(Path.of("/srv/gateway"))).isEqualTo(Path.of("/var/spool/llmgw"));
    }

    @Test
    void valuesThatCannotWorkStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_LEDGER_BATCHSIZE", "0",
                "LLMGW_LEDGER_QUEUECAPACITY", "-1")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("ledger.batchSize: must be at least 1, is 0")
                .hasMessageContaining("ledger.queueCapacity: must be at least 1, is -1");
    }
}
