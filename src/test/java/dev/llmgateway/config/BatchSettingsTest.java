package dev.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.batch.BatchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSettingsTest {

    private final SettingsLoader loader = new SettingsLoader();

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaultsLeaveBothTriggersOffWithFeatureBatch() {
        BatchSettings batch = loader.load(null, Map.of()).batch();

        assertThat(batch.files().enabled()).isFalse();
        assertThat(batch.queue().enabled()).isFalse();
        assertThat(batch.feature()).isEqualTo("batch");
        assertThat(batch.chunking().maxPartTokens()).isNull();
    }

    @Test
    void environmentTurnsATriggerOnAndSetsTheDerivedPartSize() {
        BatchSettings batch = loader.load(null, Map.of("LLMGW_BATCH_FILES_ENABLED", "true",
                "LLMGW_BATCH_CHUNKING_MAXPARTTOKENS", "4000", "LLMGW_BATCH_QUEUE_PASSWORD", "s3cret")).batch();

        assertThat(batch.files().enabled()).isTrue();
        assertThat(batch.chunking().maxPartTokens()).isEqualTo(4000);
        assertThat(batch.queue().password()).isEqualTo("s3cret");
        assertThat(batch.queue().toString()).doesNotContain("s3cret");
    }

    @Test
    void everyInvalidBatchValueIsNamedByItsPath() throws IOException {
        Path file = write("""
                batch:
                  model: claude-4
                  team: "data science"
                  concurrency: 0
                  chunking:
                    overlapTokens: -1
                    safetyMargin: 0.5
                  files:
                    enabled: true
                    inbox: data/in
                    outbox: data/in
                    stableMs: 0
                  queue:
                    enabled: true
                    url: http://broker
                    replies: /queue/same
                    deadLetters: /queue/same
                    maximumRedeliveries: -1
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("batch.model: must be one of the models: aliases")
                .hasMessageContaining("batch.team: must be 1 to 64 letters")
                .hasMessageContaining("batch.concurrency: must be between 1 and 1024, is 0")
                .hasMessageContaining("batch.chunking.overlapTokens: must not be negative")
                .hasMessageContaining("batch.chunking.safetyMargin: must be at least 0 and below 0.5")
                .hasMessageContaining("batch.files.outbox: must differ from the other batch folders")
                .hasMessageContaining("batch.files.stableMs: must be at least 1")
                .hasMessageContaining("batch.queue.url: must be an amqp:// or amqps:// URL")
                .hasMessageContaining("batch.queue.deadLetters: must differ from the other batch queues")
                .hasMessageContaining("batch.queue.maximumRedeliveries: must be between 0 and 100");
    }

    @Test
    void aSummaryTooLargeForTheModelsWindowIsRefusedAtStart() throws IOException {
        Path file = write("""
                models:
                  small:
                    family: claude
                    contextWindow: 4000
                    maxOutputTokens: 2000
                    defaultMaxTokens: 500
                    targets:
                      - region: us-east-1
                        modelId: anthropic.claude-3-haiku-20240307-v1:0
                batch:
                  model: small
                  summaryMaxTokens: 2000
                  queue:
                    enabled: true
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("batch.summaryMaxTokens: with model small, one call leaves room for")
                .hasMessageContaining("two summaries of up to 2000 tokens");
    }

    @Test
    void theModelMattersOnlyOnceATriggerIsOn() {
        Map<String, String> tightLimit = Map.of("LLMGW_GUARDS_TOKENS_MAXPROMPTTOKENS", "200", "LLMGW_BATCH_MODEL", "gone");

        assertThat(loader.load(null, tightLimit).batch().model()).isEqualTo("gone");
        assertThatThrownBy(() -> loader.load(null, Map.of("LLMGW_GUARDS_TOKENS_MAXPROMPTTOKENS", "200",
                "LLMGW_BATCH_FILES_ENABLED", "true")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("batch.summaryMaxTokens: with model claude-3-5-haiku");
    }

    @Test
    void aMissingSectionIsNamed() throws IOException {
        Path file = write("""
                batch:
                  files: null
                  chunking: null
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("batch.files: missing")
                .hasMessageContaining("batch.chunking: missing");
    }
}
