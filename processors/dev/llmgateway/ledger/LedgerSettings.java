package dev.llmgateway.ledger;

import java.nio.file.Path;

/**
 * How the cost ledger writes its records. Every field may be left out; nulls take the defaults.
 *
 * @param batchSize       records per batch insert
 * @param flushIntervalMs longest a record waits in memory before its batch is written
 * @param queueCapacity   records held in memory for the writer; beyond it records go straight to the spool
 * @param spoolDir        directory of the spool; a relative path is under storage.dataDir
 * @param retryIntervalMs how often the writer tries the database again while it is unreachable
 */
public record LedgerSettings(Integer batchSize, Long flushIntervalMs, Integer queueCapacity, String spoolDir,
                             Long retryIntervalMs) {

    public LedgerSettings {
        batchSize = batchSize == null ? 200 : batchSize;
        flushIntervalMs = flushIntervalMs == null ? 1_000L : flushIntervalMs;
        queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
        spoolDir = spoolDir == null || spoolDir.isBlank() ? "ledger-spool" : spoolDir;
        retryIntervalMs = retryIntervalMs == null ? 5_000L : retryIntervalMs;
    }

    public static LedgerSettings defaults() {
        return new LedgerSettings(null, null, null, null, null);
    }

    public Path spoolPath(Path dataDir) {
        Path spool = Path.of(spoolDir);
        return spool.isAbsolute() ? spool : dataDir.resolve(spool);
    }
}
