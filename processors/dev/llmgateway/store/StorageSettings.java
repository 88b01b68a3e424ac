package dev.llmgateway.store;

import java.nio.file.Path;

/**
 * Where the gateway keeps keys, limits, the cost ledger and cache entries.
 *
 * @param mode       embedded (an H2 database file under dataDir, no server) or postgresql (shared by instances)
 * @param dataDir    directory for the embedded database and other local files (spool, indexes)
 * @param postgresql the PostgreSQL connection, used when mode is postgresql
 */
public record StorageSettings(Mode mode, String dataDir, Postgresql postgresql) {

    public enum Mode { EMBEDDED, POSTGRESQL }

    /**
     * @param url            JDBC URL, e.g. jdbc:postgresql://db:5432/llmgateway
     * @param user           database user
     * @param password       its password (prefer LLMGW_STORAGE_POSTGRESQL_PASSWORD over the file)
     * @param maxConnections connection pool size per instance
     */
    public record Postgresql(String url, String user, String password, int maxConnections) {
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }
}
