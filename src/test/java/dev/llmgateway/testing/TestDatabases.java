package dev.llmgateway.testing;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.StorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Migrated gateway databases for store tests: an embedded H2 file in a fresh directory, or a fresh PostgreSQL one. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database embedded() {
        try {
            return Database.open(new StorageSettings(StorageSettings.Mode.EMBEDDED,
                    Files.createTempDirectory("llmgw-db-").toString(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a pool on an existing database (made with {@link TestPostgres#freshDatabase}), as another instance has */
    public static Database postgresql(String url) {
        return Database.open(new StorageSettings(StorageSettings.Mode.POSTGRESQL, "data",
                new StorageSettings.Postgresql(url, TestPostgres.USER, "", 8)));
    }
}
