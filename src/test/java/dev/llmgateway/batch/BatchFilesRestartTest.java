package dev.llmgateway.batch;

import static dev.llmgateway.batch.BatchTesting.await;
import static dev.llmgateway.batch.BatchTesting.prose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What was summarized is remembered under storage.dataDir: a restart does not summarize the same file twice. */
class BatchFilesRestartTest {

    @Test
    void aFileSummarizedBeforeARestartIsNotSummarizedAgainButAChangedOneIs() throws Exception {
        Path root = Files.createTempDirectory("llmgw-batch-restart-");
        Map<String, String> sameStorage = Map.of("LLMGW_STORAGE_DATADIR", root.resolve("data").toString());
        String config = BatchTesting.config(BatchTesting.files(root));
        Path inbox = root.resolve("inbox");
        Path done = root.resolve("done");
        Path outbox = root.resolve("outbox");

        try (TestGateway first = TestGateway.start(sameStorage, config)) {
            Files.writeString(inbox.resolve("memo.txt"), prose(10));
            await("memo.txt is in done/", () -> Files.exists(done.resolve("memo.txt")));
        }
        String firstSummary = Files.readString(outbox.resolve("memo.summary.md"));
        // As if the gateway had stopped after writing the summary but before moving the original.
        Files.copy(done.resolve("memo.txt"), inbox.resolve("memo.txt"), StandardCopyOption.REPLACE_EXISTING);

        List<CallRecord> records = new CopyOnWriteArrayList<>();
        try (TestGateway second = TestGateway.start(sameStorage, config)) {
            second.application().callRecorder().addListener(records::add);
            BatchProgress progress = second.application().batchProgress();

            await("memo.txt is skipped", () -> progress.snapshot().skipped() == 1
                    && !Files.exists(inbox.resolve("memo.txt")));
            assertThat(records).isEmpty();
            assertThat(done.resolve("memo.txt")).exists();
            assertThat(Files.readString(outbox.resolve("memo.summary.md"))).isEqualTo(firstSummary);

            Files.writeString(inbox.resolve("memo.txt"), prose(10) + " The harbour master retired in week 11.");
            await("the changed memo.txt is summarized", () -> progress.snapshot().done() == 1);
            assertThat(records).hasSize(1);
            assertThat(progress.snapshot().skipped()).isEqualTo(1);
        }
    }
}
