package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizedFilesTest {

    @TempDir
    Path dir;

    private SummarizedFiles open(SummarizedFilesStore store) {
        ServiceHelper.startService(store);
        return new SummarizedFiles(store);
    }

    @Test
    void aFileIsKnownByItsNameAndContent() {
        byte[] content = "The harbour reopened.".getBytes(StandardCharsets.UTF_8);

        assertThat(SummarizedFiles.key("a.txt", content)).isEqualTo(SummarizedFiles.key("a.txt", content.clone()))
                .isNotEqualTo(SummarizedFiles.key("b.txt", content))
                .isNotEqualTo(SummarizedFiles.key("a.txt", "The harbour closed.".getBytes(StandardCharsets.UTF_8)))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void whatWasRememberedIsKnownAfterARestartAndNothingElse() {
        Path file = dir.resolve("batch/summarized-files.txt");
        SummarizedFilesStore first = new SummarizedFilesStore(file.toFile());
        SummarizedFiles before = open(first);
        before.remember("k1");
        before.remember("k2");
        ServiceHelper.stopService(first);

        SummarizedFiles after = open(new SummarizedFilesStore(file.toFile()));

        assertThat(after.contains("k1")).isTrue();
        assertThat(after.contains("k2")).isTrue();
        assertThat(after.contains("k3")).isFalse();
        after.remember("k3");
        assertThat(after.contains("k3")).isTrue();
    }
}
