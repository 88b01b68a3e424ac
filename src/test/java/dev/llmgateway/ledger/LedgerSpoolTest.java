package dev.llmgateway.ledger;

import static dev.llmgateway.ledger.LedgerFixtures.record;
import static dev.llmgateway.ledger.LedgerFixtures.tempDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.record.CallRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LedgerSpoolTest {

    @Test
    void anEntryComesBackFromTheSpoolExactly() throws Exception {
        CallRecord sparse = new CallRecord(Instant.parse("2026-11-30T23:59:59.999999999Z"), "req-x", "chat-completions",
                null, null, null, "no-such-model", null, null, null, false, 17, 0, 0, 0,
                new BigDecimal("0.000000123456789012"), "semantic", new BigDecimal("1.50"), 3, 3, null, 404,
                "model_not_found");
        CallRecord fallenBack = new CallRecord(Instant.parse("2026-11-30T10:00:00Z"), "req-f", "chat-completions",
                "search", "default", "key-1", "claude-3-5-haiku", "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                "eu-west-1", null, true, 17, 40, 0, 0, new BigDecimal("0.000174"), null, BigDecimal.ZERO, 900, 300,
                null, 200, "ok", "claude-3-haiku");
        List<LedgerEntry> entries = List.of(LedgerEntry.of(record("req-1", "search")), LedgerEntry.of(sparse),
                LedgerEntry.of(fallenBack));
        Path directory = tempDirectory("llmgw-spool-");
        try (LedgerSpool spool = new LedgerSpool(directory)) {
            spool.append(entries);
            List<Path> files = spool.seal();

            assertThat(files).hasSize(1);
            assertThat(spool.read(files.get(0))).isEqualTo(entries);
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheOthersKept() throws Exception {
        Path directory = tempDirectory("llmgw-spool-");
        LedgerEntry whole = LedgerEntry.of(record("req-1", "search"));
        try (LedgerSpool spool = new LedgerSpool(directory)) {
            spool.append(List.of(whole));
            Path file = spool.seal().get(0);
            String cut = SpoolCodec.encode(LedgerEntry.of(record("req-2", "search")));
            Files.writeString(file, cut.substring(0, cut.length() / 2), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);

            assertThat(spool.read(file)).containsExactly(whole);
        }
    }

    @Test
    void filesAreSealedForReplayAndLaterEntriesStartANewFile() throws Exception {
        Path directory = tempDirectory("llmgw-spool-");
        try (LedgerSpool spool = new LedgerSpool(directory)) {
            List<LedgerEntry> many = IntStream.range(0, LedgerSpool.ENTRIES_PER_FILE + 1)
                    .mapToObj(i -> LedgerEntry.of(record("req-" + i, "search"))).toList();
            spool.append(many);
            List<Path> sealed = spool.seal();
            spool.append(List.of(LedgerEntry.of(record("req-later", "search"))));

            assertThat(sealed).hasSize(2);
            assertThat(spool.read(sealed.get(0))).hasSize(LedgerSpool.ENTRIES_PER_FILE);
            assertThat(spool.read(sealed.get(1))).hasSize(1);
            sealed.forEach(file -> assertThat(file).exists());
            assertThat(spool.seal()).hasSize(3).containsAll(sealed);
        }
    }
}
