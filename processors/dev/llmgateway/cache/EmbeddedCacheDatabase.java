package dev.llmgateway.cache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.store.PrivateFiles;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * Opens the H2 file database the embedded store keeps its entries in, migrated to the current schema. Like the
 * gateway's own database it has no network listener, and its directory and files are the owner's only (they hold
 * prompts and answers).
 */
public final class EmbeddedCacheDatabase {

    private static final String NAME = "semantic-cache";

    private EmbeddedCacheDatabase() {
    }

    /** @return a pooled data source over {@code directory/semantic-cache.mv.db}; the caller closes it */
    public static HikariDataSource open(Path directory) {
        PrivateFiles.secure(directory, "cache.directory");
        try {
            return openPrivate(directory);
        } finally {
            PrivateFiles.makePrivate(directory, NAME + ".");
        }
    }

    private static HikariDataSource openPrivate(Path directory) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve(NAME) + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setPoolName("semantic-cache");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:dev/llmgateway/db/migration/common",
                            "classpath:dev/llmgateway/db/migration/h2")
                    .load()
                    .migrate();
            return dataSource;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }
}
