package dev.llmgateway.ledger;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Databases of both storage modes, call records and ways to look at what the ledger wrote. */
final class LedgerFixtures {

    private LedgerFixtures() {
    }

    /** A fresh database: an H2 file in a new directory, or a new PostgreSQL database with this name. */
    static Database freshDatabase(StorageSettings.Mode mode, String name) {
        if (mode == StorageSettings.Mode.POSTGRESQL) {
            return Database.open(new StorageSettings(mode, "data",
                    new StorageSettings.Postgresql(TestPostgres.freshDatabase(name), TestPostgres.USER, "", 4)));
        }
        return Database.open(new StorageSettings(mode, tempDirectory("llmgw-ledger-db-").toString(), null));
    }

    static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CallRecord record(String requestId, String team) {
        return new CallRecord(Instant.parse("2026-11-03T10:15:30.123456Z"), requestId, "chat-completions", team,
                "search", "key_abc", "claude-3-5-sonnet", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "us-west-2",
                "summarize@3", true, 1200, 340, 5000, 700, new BigDecimal("0.016335"), null, BigDecimal.ZERO, 812,
                95, null, 200, "ok");
    }

    static long rows(Database database) {
        return new Jdbc(database.dataSource(), "test").query("SELECT COUNT(*) FROM call_ledger", r -> r.getLong(1))
                .get(0);
    }

    static List<String> requestIds(Database database) {
        return new Jdbc(database.dataSource(), "test")
                .query("SELECT request_id FROM call_ledger ORDER BY request_id", r -> r.getString(1));
    }

    /** Every line in the spool's files, whether or not it was synced yet. */
    /** @return the lines in the spool's files now; a file the writer deletes meanwhile (replayed) counts none */
    static long spooledLines(Path spool) {
        try (Stream<Path> files = Files.list(spool)) {
            long lines = 0;
            for (Path file : files.toList()) {
                try {
                    lines += Files.readAllLines(file).size();
                } catch (NoSuchFileException replayed) {
                    // deleted after the listing
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LedgerSettings settings(int batchSize, long flushIntervalMs, int queueCapacity, Path spool,
                                   long retryIntervalMs) {
        return new LedgerSettings(batchSize, flushIntervalMs, queueCapacity, spool.toString(), retryIntervalMs);
    }
}
